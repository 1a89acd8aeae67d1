import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import { DateTimeCell, dateColumn, filterMeta } from '@/components/data-table/columns'
import { ServerDataTable, type ServerColumn } from '@/components/data-table/server-data-table'
import { CaseStatusBadge } from './case-status-badge'
import type { CaseRow } from '@/lib/connections/queries'
import { casesTableParams, type CasesTableParams } from '@/lib/connections/table-params'

export async function CasesTable({
  rows,
  rowCount,
  params,
  actions,
}: {
  rows: CaseRow[]
  rowCount: number
  params: CasesTableParams
  actions?: React.ReactNode
}) {
  const t = await getTranslations('connections')
  const columns: ServerColumn<CaseRow>[] = [
    {
      id: 'number',
      header: t('columns.number'),
      sortDescFirst: true,
      cell: (row) => (
        <Link
          href={`/connections/${row.id}`}
          className="font-medium"
          aria-label={t('detail.caseNumber', { number: row.number })}
        >
          {row.number}
        </Link>
      ),
    },
    {
      id: 'serviceName',
      header: t('columns.service'),
      enableSorting: false,
      cell: (row) => <Link href={`/connections/${row.id}`}>{row.serviceName}</Link>,
    },
    { id: 'consumerName', header: t('columns.consumer'), enableSorting: false, cell: (row) => row.consumerName },
    { id: 'providerName', header: t('columns.provider'), enableSorting: false, cell: (row) => row.providerName },
    {
      id: 'status',
      header: t('columns.status'),
      cell: (row) => <CaseStatusBadge status={row.status} />,
      filter: filterMeta(t('columns.status'), casesTableParams.filters.status, (status) => t(`status.${status}`)),
    },
    {
      id: 'updatedAt',
      header: t('columns.updatedAt'),
      ...dateColumn,
      cell: (row) => <DateTimeCell value={row.updatedAt} />,
    },
  ]
  return (
    <ServerDataTable
      rows={rows}
      rowCount={rowCount}
      columns={columns}
      definition={casesTableParams}
      params={params}
      pathname="/connections"
      searchPlaceholder={t('searchPlaceholder')}
      caption={t('caption')}
      emptyMessage={t('empty')}
      getRowId={(row) => row.id}
      toolbarActions={actions}
    />
  )
}
