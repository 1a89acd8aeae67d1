'use client'

import Link from 'next/link'
import { useMemo } from 'react'
import { useTranslations } from 'next-intl'
import { DataTable } from '@/components/data-table/data-table'
import { createDataTableColumnHelper } from '@/components/data-table/data-table-features'
import { DateTimeCell, dateColumnMeta, filterMeta } from '@/components/data-table/columns'
import { CaseStatusBadge } from './case-status-badge'
import type { CaseRow } from '@/lib/connections/queries'
import { casesTableParams } from '@/lib/connections/table-params'

const column = createDataTableColumnHelper<CaseRow>()

export function CasesTable({
  rows,
  rowCount,
  actions,
}: {
  rows: CaseRow[]
  rowCount: number
  actions?: React.ReactNode
}) {
  const t = useTranslations('connections')
  const columns = useMemo(
    () =>
      column.columns([
        column.accessor('number', {
          header: t('columns.number'),
          cell: ({ row }) => (
            <Link
              href={`/connections/${row.original.id}`}
              className="font-medium"
              aria-label={t('detail.caseNumber', { number: row.original.number })}
            >
              {row.original.number}
            </Link>
          ),
        }),
        column.accessor('serviceName', {
          header: t('columns.service'),
          enableSorting: false,
          cell: ({ row }) => <Link href={`/connections/${row.original.id}`}>{row.original.serviceName}</Link>,
        }),
        column.accessor('consumerName', { header: t('columns.consumer'), enableSorting: false }),
        column.accessor('providerName', { header: t('columns.provider'), enableSorting: false }),
        column.accessor('status', {
          header: t('columns.status'),
          cell: ({ getValue }) => <CaseStatusBadge status={getValue()} />,
          meta: filterMeta(t('columns.status'), casesTableParams.filters.status, (status) => t(`status.${status}`)),
        }),
        column.accessor('updatedAt', {
          header: t('columns.updatedAt'),
          cell: ({ getValue }) => <DateTimeCell value={getValue()} />,
          meta: dateColumnMeta,
        }),
      ]),
    [t],
  )
  return (
    <DataTable
      data={rows}
      columns={columns}
      rowCount={rowCount}
      params={casesTableParams}
      searchPlaceholder={t('searchPlaceholder')}
      caption={t('caption')}
      emptyMessage={t('empty')}
      getRowId={(row) => row.id}
      toolbarActions={actions}
    />
  )
}
