import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import { ServerDataTable, type ServerColumn } from '@/components/data-table/server-data-table'
import type { SchemaRow } from '@/lib/catalog/queries'
import {
  catalogStatuses,
  schemaFormats,
  schemaKinds,
  schemasTableParams,
  type SchemasTableParams,
} from '@/lib/catalog/table-params'
import { formatDate } from '@/lib/dates'
import { StatusBadge, withCount, type FacetCounts } from './catalog-bits'
import { countedFilter, ExportLink } from './services-table'

export type SchemaFacetsView = {
  owner: { value: string; label: string; count: number }[]
  status: FacetCounts
  kind: FacetCounts
  format: FacetCounts
}

export async function SchemasTable({
  rows,
  rowCount,
  params,
  facets,
  exportHref,
}: {
  rows: SchemaRow[]
  rowCount: number
  params: SchemasTableParams
  facets: SchemaFacetsView
  exportHref: string
}) {
  const t = await getTranslations('catalog')
  const definition = schemasTableParams({ owners: facets.owner.map((o) => o.value) })
  const columns: ServerColumn<SchemaRow>[] = [
    {
      id: 'name',
      header: t('schemas.columns.name'),
      cell: (row) => (
        <div className="min-w-48">
          <Link href={`/catalog/schemas/${row.id}`} className="font-medium">
            {row.name}
          </Link>
          <div className="text-xs text-muted">{row.code}</div>
        </div>
      ),
    },
    {
      id: 'owner',
      header: t('schemas.columns.owner'),
      cell: (row) => row.ownerName,
      filter: {
        label: t('schemas.columns.owner'),
        options: facets.owner.map((o) => ({ value: o.value, label: withCount(o.label, o.count) })),
      },
    },
    {
      id: 'kind',
      header: t('schemas.columns.kind'),
      cell: (row) => t(`schemaKind.${row.kind as 'BASAL'}`),
      filter: countedFilter(
        t('schemas.columns.kind'),
        schemaKinds,
        (v) => t(`schemaKind.${v as 'BASAL'}`),
        facets.kind,
      ),
    },
    {
      id: 'format',
      header: t('schemas.columns.format'),
      enableSorting: false,
      cell: (row) => t(`schemaFormat.${row.format as 'XSD'}`),
      filter: countedFilter(
        t('schemas.columns.format'),
        schemaFormats,
        (v) => t(`schemaFormat.${v as 'XSD'}`),
        facets.format,
      ),
    },
    {
      id: 'status',
      header: t('schemas.columns.status'),
      cell: (row) => <StatusBadge status={row.status} label={t(`status.${row.status}`)} />,
      filter: countedFilter(
        t('schemas.columns.status'),
        catalogStatuses,
        (v) => t(`status.${v as 'DRAFT'}`),
        facets.status,
      ),
    },
    {
      id: 'services',
      header: t('schemas.columns.services'),
      align: 'end',
      sortDescFirst: true,
      cell: (row) => row.services,
    },
    {
      id: 'updatedAt',
      header: t('schemas.columns.updatedAt'),
      className: 'whitespace-nowrap',
      sortDescFirst: true,
      cell: (row) => formatDate(row.updatedAt),
    },
  ]
  return (
    <ServerDataTable
      rows={rows}
      rowCount={rowCount}
      columns={columns}
      definition={definition}
      params={params}
      pathname="/catalog/schemas"
      searchPlaceholder={t('schemas.searchPlaceholder')}
      caption={t('schemas.caption')}
      emptyMessage={t('schemas.empty')}
      getRowId={(row) => row.id}
      toolbarActions={<ExportLink href={exportHref} label={t('exportCsv')} />}
    />
  )
}
