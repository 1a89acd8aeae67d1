'use client'

import Link from 'next/link'
import { useMemo } from 'react'
import { useTranslations } from 'next-intl'
import { DataTable } from '@/components/data-table/data-table'
import { createDataTableColumnHelper } from '@/components/data-table/data-table-features'
import type { DataElementRow } from '@/lib/catalog/queries'
import { classifications, dataElementsTableParams } from '@/lib/catalog/table-params'
import { ClassificationBadge, withCount, type FacetCounts } from './catalog-bits'
import { ExportLink } from './services-table'

const column = createDataTableColumnHelper<DataElementRow>()

export type DataFacetsView = {
  responsible: { value: string; label: string; count: number }[]
  classification: FacetCounts
}

export function DataElementsTable({
  rows,
  rowCount,
  facets,
  exportHref,
}: {
  rows: DataElementRow[]
  rowCount: number
  facets: DataFacetsView
  exportHref: string
}) {
  const t = useTranslations('catalog')
  const params = useMemo(
    () => dataElementsTableParams({ responsibles: facets.responsible.map((o) => o.value) }),
    [facets.responsible],
  )
  const columns = useMemo(
    () =>
      column.columns([
        column.accessor('name', {
          header: t('data.columns.name'),
          cell: ({ row }) => (
            <div className="min-w-48">
              <Link href={`/catalog/data/${row.original.id}`} className="font-medium">
                {row.original.name}
              </Link>
              <div className="text-xs text-muted">{row.original.code}</div>
            </div>
          ),
        }),
        column.accessor('classification', {
          header: t('data.columns.classification'),
          cell: ({ getValue }) => <ClassificationBadge value={getValue()} label={t(`classification.${getValue()}`)} />,
          meta: {
            filter: {
              label: t('data.columns.classification'),
              options: classifications.map((value) => ({
                value,
                label: withCount(t(`classification.${value}`), facets.classification[value] ?? 0),
              })),
            },
          },
        }),
        column.accessor('responsibleName', {
          id: 'responsible',
          header: t('data.columns.responsible'),
          meta: {
            filter: {
              label: t('data.columns.responsible'),
              options: facets.responsible.map((o) => ({ value: o.value, label: withCount(o.label, o.count) })),
            },
          },
        }),
        column.accessor('services', { header: t('data.columns.services'), meta: { align: 'end' } }),
      ]),
    [t, facets],
  )
  return (
    <DataTable
      data={rows}
      columns={columns}
      rowCount={rowCount}
      params={params}
      searchPlaceholder={t('data.searchPlaceholder')}
      caption={t('data.caption')}
      emptyMessage={t('data.empty')}
      getRowId={(row) => row.id}
      toolbarActions={<ExportLink href={exportHref} label={t('exportCsv')} />}
    />
  )
}
