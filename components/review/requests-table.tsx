'use client'

import Link from 'next/link'
import { useMemo } from 'react'
import { useTranslations } from 'next-intl'
import { DataTable } from '@/components/data-table/data-table'
import { createDataTableColumnHelper } from '@/components/data-table/data-table-features'
import { DateTimeCell, dateColumnMeta, filterMeta } from '@/components/data-table/columns'
import { Badge } from '@/components/ui/badge'
import type { RequestRow } from '@/lib/review/queries'
import { requestsTableParams } from '@/lib/review/table-params'

const column = createDataTableColumnHelper<RequestRow>()

export function RequestsTable({ rows, rowCount }: { rows: RequestRow[]; rowCount: number }) {
  const t = useTranslations('review')
  const columns = useMemo(
    () =>
      column.columns([
        column.accessor('number', {
          header: t('columns.number'),
          cell: ({ row }) => (
            <Link href={`/catalog/requests/${row.original.id}`} className="font-medium">
              {row.original.number}
            </Link>
          ),
        }),
        column.accessor('subject', {
          header: t('columns.subject'),
          enableSorting: false,
          cell: ({ row }) => <Link href={`/catalog/requests/${row.original.id}`}>{row.original.subject}</Link>,
        }),
        column.accessor('version', { header: t('columns.version'), enableSorting: false }),
        column.accessor('kind', {
          header: t('columns.kind'),
          enableSorting: false,
          cell: ({ getValue }) => t(`kind.${getValue()}`),
          meta: filterMeta(t('columns.kind'), requestsTableParams.filters.kind, (kind) => t(`kind.${kind}`)),
        }),
        column.accessor('institutionName', { header: t('columns.institution'), enableSorting: false }),
        column.accessor('status', {
          header: t('columns.status'),
          cell: ({ getValue }) => (
            <Badge tone={getValue() === 'PUBLISHED' ? 'success' : getValue() === 'RETURNED' ? 'warning' : 'brand'}>
              {t(`status.${getValue()}`)}
            </Badge>
          ),
          meta: filterMeta(t('columns.status'), requestsTableParams.filters.status, (status) => t(`status.${status}`)),
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
      params={requestsTableParams}
      searchPlaceholder={t('searchPlaceholder')}
      caption={t('caption')}
      emptyMessage={t('empty')}
      getRowId={(row) => row.id}
    />
  )
}
