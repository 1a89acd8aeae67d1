'use client'

import Link from 'next/link'
import { useMemo } from 'react'
import { useTranslations } from 'next-intl'
import { DataTable } from '@/components/data-table/data-table'
import { createDataTableColumnHelper } from '@/components/data-table/data-table-features'
import { filterMeta } from '@/components/data-table/columns'
import { Badge } from '@/components/ui/badge'
import type { AgreementRow } from '@/lib/agreements/queries'
import { agreementTerm } from '@/lib/agreements/status'
import { agreementsTableParams } from '@/lib/agreements/table-params'
import { formatCalendarDate, formatDate } from '@/lib/dates'

const column = createDataTableColumnHelper<AgreementRow>()

export function AgreementsTable({ rows, rowCount }: { rows: AgreementRow[]; rowCount: number }) {
  const t = useTranslations('agreements')
  const tCase = useTranslations('connections')
  const columns = useMemo(
    () =>
      column.columns([
        column.accessor('serviceName', {
          header: t('columns.service'),
          enableSorting: false,
          cell: ({ row }) => <Link href={`/agreements/${row.original.id}`}>{row.original.serviceName}</Link>,
        }),
        column.accessor('consumerName', { header: t('columns.consumer'), enableSorting: false }),
        column.accessor('providerName', { header: t('columns.provider'), enableSorting: false }),
        column.accessor('kind', {
          header: t('columns.kind'),
          enableSorting: false,
          cell: ({ getValue }) => tCase(`agreementKind.${getValue() as 'CONVENIO'}`),
        }),
        column.accessor('status', {
          header: t('columns.status'),
          cell: ({ getValue }) => (
            <Badge
              tone={
                getValue() === 'IN_FORCE'
                  ? 'success'
                  : getValue() === 'REQUESTED' || getValue() === 'APPROVED'
                    ? 'warning'
                    : 'neutral'
              }
            >
              {tCase(`agreementStatus.${getValue()}`)}
            </Badge>
          ),
          meta: filterMeta(t('columns.status'), agreementsTableParams.filters.status, (s) =>
            tCase(`agreementStatus.${s}`),
          ),
        }),
        column.accessor('requestedAt', {
          header: t('columns.requestedAt'),
          cell: ({ getValue }) => formatDate(getValue()),
        }),
        column.accessor('endsOn', {
          header: t('columns.endsOn'),
          enableSorting: false,
          cell: ({ row }) => {
            const term = agreementTerm(row.original)
            return term.kind === 'indefinite'
              ? tCase('detail.indefinite')
              : t(`term.${term.kind}`, { date: formatCalendarDate(term.date) })
          },
        }),
      ]),
    [t, tCase],
  )
  return (
    <DataTable
      data={rows}
      columns={columns}
      rowCount={rowCount}
      params={agreementsTableParams}
      searchPlaceholder={t('searchPlaceholder')}
      caption={t('caption')}
      emptyMessage={t('empty')}
      getRowId={(row) => row.id}
    />
  )
}
