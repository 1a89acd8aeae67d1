import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import { DateTimeCell, dateColumn, filterMeta } from '@/components/data-table/columns'
import { ServerDataTable, type ServerColumn } from '@/components/data-table/server-data-table'
import { Badge } from '@/components/ui/badge'
import type { RequestRow } from '@/lib/review/queries'
import { requestsTableParams, type RequestsTableParams } from '@/lib/review/table-params'

export async function RequestsTable({
  rows,
  rowCount,
  params,
}: {
  rows: RequestRow[]
  rowCount: number
  params: RequestsTableParams
}) {
  const t = await getTranslations('review')
  const columns: ServerColumn<RequestRow>[] = [
    {
      id: 'number',
      header: t('columns.number'),
      sortDescFirst: true,
      cell: (row) => (
        <Link href={`/catalog/requests/${row.id}`} className="font-medium">
          {row.number}
        </Link>
      ),
    },
    {
      id: 'subject',
      header: t('columns.subject'),
      enableSorting: false,
      cell: (row) => <Link href={`/catalog/requests/${row.id}`}>{row.subject}</Link>,
    },
    { id: 'version', header: t('columns.version'), enableSorting: false, cell: (row) => row.version },
    {
      id: 'kind',
      header: t('columns.kind'),
      enableSorting: false,
      cell: (row) => t(`kind.${row.kind}`),
      filter: filterMeta(t('columns.kind'), requestsTableParams.filters.kind, (kind) => t(`kind.${kind}`)),
    },
    {
      id: 'institutionName',
      header: t('columns.institution'),
      enableSorting: false,
      cell: (row) => row.institutionName,
    },
    {
      id: 'status',
      header: t('columns.status'),
      cell: (row) => (
        <Badge tone={row.status === 'PUBLISHED' ? 'success' : row.status === 'RETURNED' ? 'warning' : 'brand'}>
          {t(`status.${row.status}`)}
        </Badge>
      ),
      filter: filterMeta(t('columns.status'), requestsTableParams.filters.status, (status) => t(`status.${status}`)),
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
      definition={requestsTableParams}
      params={params}
      pathname="/catalog/requests"
      searchPlaceholder={t('searchPlaceholder')}
      caption={t('caption')}
      emptyMessage={t('empty')}
      getRowId={(row) => row.id}
    />
  )
}
