import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import { ServerDataTable, type ServerColumn } from '@/components/data-table/server-data-table'
import type { DataElementRow } from '@/lib/catalog/queries'
import { classifications, dataElementsTableParams, type DataElementsTableParams } from '@/lib/catalog/table-params'
import { ClassificationBadge, withCount, type FacetCounts } from './catalog-bits'
import { ExportLink } from './services-table'

export type DataFacetsView = {
  responsible: { value: string; label: string; count: number }[]
  classification: FacetCounts
}

export async function DataElementsTable({
  rows,
  rowCount,
  params,
  facets,
  exportHref,
}: {
  rows: DataElementRow[]
  rowCount: number
  params: DataElementsTableParams
  facets: DataFacetsView
  exportHref: string
}) {
  const t = await getTranslations('catalog')
  const definition = dataElementsTableParams({ responsibles: facets.responsible.map((o) => o.value) })
  const columns: ServerColumn<DataElementRow>[] = [
    {
      id: 'name',
      header: t('data.columns.name'),
      cell: (row) => (
        <div className="min-w-48">
          <Link href={`/catalog/data/${row.id}`} className="font-medium">
            {row.name}
          </Link>
          <div className="text-xs text-muted">{row.code}</div>
        </div>
      ),
    },
    {
      id: 'classification',
      header: t('data.columns.classification'),
      cell: (row) => (
        <ClassificationBadge value={row.classification} label={t(`classification.${row.classification}`)} />
      ),
      filter: {
        label: t('data.columns.classification'),
        options: classifications.map((value) => ({
          value,
          label: withCount(t(`classification.${value}`), facets.classification[value] ?? 0),
        })),
      },
    },
    {
      id: 'responsible',
      header: t('data.columns.responsible'),
      cell: (row) => row.responsibleName,
      filter: {
        label: t('data.columns.responsible'),
        options: facets.responsible.map((o) => ({ value: o.value, label: withCount(o.label, o.count) })),
      },
    },
    {
      id: 'services',
      header: t('data.columns.services'),
      align: 'end',
      sortDescFirst: true,
      cell: (row) => row.services,
    },
  ]
  return (
    <ServerDataTable
      rows={rows}
      rowCount={rowCount}
      columns={columns}
      definition={definition}
      params={params}
      pathname="/catalog/data"
      searchPlaceholder={t('data.searchPlaceholder')}
      caption={t('data.caption')}
      emptyMessage={t('data.empty')}
      getRowId={(row) => row.id}
      toolbarActions={<ExportLink href={exportHref} label={t('exportCsv')} />}
    />
  )
}
