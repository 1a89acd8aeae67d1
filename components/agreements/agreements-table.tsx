import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import { filterMeta } from '@/components/data-table/columns'
import { ServerDataTable, type ServerColumn } from '@/components/data-table/server-data-table'
import { Badge } from '@/components/ui/badge'
import type { AgreementRow } from '@/lib/agreements/queries'
import { agreementTerm } from '@/lib/agreements/status'
import { agreementsTableParams, type AgreementsTableParams } from '@/lib/agreements/table-params'
import { formatCalendarDate, formatDate } from '@/lib/dates'

export async function AgreementsTable({
  rows,
  rowCount,
  params,
}: {
  rows: AgreementRow[]
  rowCount: number
  params: AgreementsTableParams
}) {
  const t = await getTranslations('agreements')
  const tCase = await getTranslations('connections')
  const columns: ServerColumn<AgreementRow>[] = [
    {
      id: 'serviceName',
      header: t('columns.service'),
      enableSorting: false,
      cell: (row) => <Link href={`/agreements/${row.id}`}>{row.serviceName}</Link>,
    },
    { id: 'consumerName', header: t('columns.consumer'), enableSorting: false, cell: (row) => row.consumerName },
    { id: 'providerName', header: t('columns.provider'), enableSorting: false, cell: (row) => row.providerName },
    {
      id: 'kind',
      header: t('columns.kind'),
      enableSorting: false,
      cell: (row) => tCase(`agreementKind.${row.kind as 'CONVENIO'}`),
    },
    {
      id: 'status',
      header: t('columns.status'),
      cell: (row) => (
        <Badge
          tone={
            row.status === 'IN_FORCE'
              ? 'success'
              : row.status === 'REQUESTED' || row.status === 'APPROVED'
                ? 'warning'
                : 'neutral'
          }
        >
          {tCase(`agreementStatus.${row.status}`)}
        </Badge>
      ),
      filter: filterMeta(t('columns.status'), agreementsTableParams.filters.status, (s) =>
        tCase(`agreementStatus.${s}`),
      ),
    },
    {
      id: 'requestedAt',
      header: t('columns.requestedAt'),
      sortDescFirst: true,
      cell: (row) => formatDate(row.requestedAt),
    },
    {
      id: 'endsOn',
      header: t('columns.endsOn'),
      enableSorting: false,
      cell: (row) => {
        const term = agreementTerm(row)
        return term.kind === 'indefinite'
          ? tCase('detail.indefinite')
          : t(`term.${term.kind}`, { date: formatCalendarDate(term.date) })
      },
    },
  ]
  return (
    <ServerDataTable
      rows={rows}
      rowCount={rowCount}
      columns={columns}
      definition={agreementsTableParams}
      params={params}
      pathname="/agreements"
      searchPlaceholder={t('searchPlaceholder')}
      caption={t('caption')}
      emptyMessage={t('empty')}
      getRowId={(row) => row.id}
    />
  )
}
