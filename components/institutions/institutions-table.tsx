import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import { filterMeta } from '@/components/data-table/columns'
import { ServerDataTable, type ServerColumn } from '@/components/data-table/server-data-table'
import { Badge } from '@/components/ui/badge'
import type { InstitutionRow } from '@/lib/institutions/queries'
import { institutionsTableParams, type InstitutionsTableParams } from '@/lib/institutions/table-params'

export async function InstitutionsTable({
  rows,
  rowCount,
  params,
  exportHref,
}: {
  rows: InstitutionRow[]
  rowCount: number
  params: InstitutionsTableParams
  exportHref: string
}) {
  const t = await getTranslations('institutions')
  const tCommon = await getTranslations('common')

  const columns: ServerColumn<InstitutionRow>[] = [
    {
      id: 'name',
      header: t('columns.name'),
      cell: (row) => (
        <Link href={`/institutions/${row.id}`} className="font-medium">
          {row.name}
        </Link>
      ),
    },
    { id: 'shortName', header: t('columns.shortName'), cell: (row) => row.shortName },
    {
      id: 'rut',
      header: t('columns.rut'),
      enableSorting: false,
      className: 'whitespace-nowrap',
      cell: (row) => row.rut,
    },
    {
      id: 'kind',
      header: t('columns.kind'),
      cell: (row) => t(`kind.${row.kind}`),
      filter: filterMeta(t('columns.kind'), institutionsTableParams.filters.kind, (kind) => t(`kind.${kind}`)),
    },
    {
      id: 'group',
      header: t('columns.group'),
      cell: (row) => <Badge tone="brand">{row.group}</Badge>,
      filter: filterMeta(t('columns.group'), institutionsTableParams.filters.group, (group) => t(`group.${group}`)),
    },
    { id: 'region', header: t('columns.region'), cell: (row) => row.region ?? tCommon('none') },
    {
      id: 'pisee1',
      header: t('columns.pisee1'),
      enableSorting: false,
      cell: (row) => (row.pisee1 ? tCommon('yes') : tCommon('no')),
    },
    {
      id: 'memberCount',
      header: t('columns.members'),
      enableSorting: false,
      align: 'end',
      cell: (row) => row.memberCount,
    },
  ]

  return (
    <ServerDataTable
      rows={rows}
      rowCount={rowCount}
      columns={columns}
      definition={institutionsTableParams}
      params={params}
      pathname="/institutions"
      searchPlaceholder={t('searchPlaceholder')}
      caption={t('caption')}
      emptyMessage={t('empty')}
      getRowId={(row) => row.id}
      toolbarActions={
        <a
          href={exportHref}
          className="rounded-md border border-line bg-white px-3 py-2 text-sm font-medium no-underline hover:bg-brand-50 hover:no-underline"
        >
          {tCommon('exportCsv')}
        </a>
      }
    />
  )
}
