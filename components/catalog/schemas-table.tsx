'use client'

import Link from 'next/link'
import { useMemo } from 'react'
import { useTranslations } from 'next-intl'
import { DataTable } from '@/components/data-table/data-table'
import { createDataTableColumnHelper } from '@/components/data-table/data-table-features'
import type { SchemaRow } from '@/lib/catalog/queries'
import { catalogStatuses, schemaFormats, schemaKinds, schemasTableParams } from '@/lib/catalog/table-params'
import { formatDate } from '@/lib/dates'
import { StatusBadge, withCount, type FacetCounts } from './catalog-bits'
import { ExportLink } from './services-table'

const column = createDataTableColumnHelper<SchemaRow>()

export type SchemaFacetsView = {
  owner: { value: string; label: string; count: number }[]
  status: FacetCounts
  kind: FacetCounts
  format: FacetCounts
}

export function SchemasTable({
  rows,
  rowCount,
  facets,
  exportHref,
}: {
  rows: SchemaRow[]
  rowCount: number
  facets: SchemaFacetsView
  exportHref: string
}) {
  const t = useTranslations('catalog')
  const params = useMemo(() => schemasTableParams({ owners: facets.owner.map((o) => o.value) }), [facets.owner])
  const columns = useMemo(() => {
    const option = (label: string, values: readonly string[], labelOf: (v: string) => string, counts: FacetCounts) => ({
      filter: {
        label,
        options: values.map((value) => ({ value, label: withCount(labelOf(value), counts[value] ?? 0) })),
      },
    })
    return column.columns([
      column.accessor('name', {
        header: t('schemas.columns.name'),
        cell: ({ row }) => (
          <div className="min-w-48">
            <Link href={`/catalog/schemas/${row.original.id}`} className="font-medium">
              {row.original.name}
            </Link>
            <div className="text-xs text-muted">{row.original.code}</div>
          </div>
        ),
      }),
      column.accessor('ownerName', {
        id: 'owner',
        header: t('schemas.columns.owner'),
        meta: {
          filter: {
            label: t('schemas.columns.owner'),
            options: facets.owner.map((o) => ({ value: o.value, label: withCount(o.label, o.count) })),
          },
        },
      }),
      column.accessor('kind', {
        header: t('schemas.columns.kind'),
        cell: ({ getValue }) => t(`schemaKind.${getValue() as 'BASAL'}`),
        meta: option(t('schemas.columns.kind'), schemaKinds, (v) => t(`schemaKind.${v as 'BASAL'}`), facets.kind),
      }),
      column.accessor('format', {
        header: t('schemas.columns.format'),
        enableSorting: false,
        cell: ({ getValue }) => t(`schemaFormat.${getValue() as 'XSD'}`),
        meta: option(t('schemas.columns.format'), schemaFormats, (v) => t(`schemaFormat.${v as 'XSD'}`), facets.format),
      }),
      column.accessor('status', {
        header: t('schemas.columns.status'),
        cell: ({ getValue }) => <StatusBadge status={getValue()} label={t(`status.${getValue()}`)} />,
        meta: option(t('schemas.columns.status'), catalogStatuses, (v) => t(`status.${v as 'DRAFT'}`), facets.status),
      }),
      column.accessor('services', { header: t('schemas.columns.services'), meta: { align: 'end' } }),
      column.accessor('updatedAt', {
        header: t('schemas.columns.updatedAt'),
        cell: ({ getValue }) => formatDate(getValue()),
        meta: { className: 'whitespace-nowrap' },
      }),
    ])
  }, [t, facets])
  return (
    <DataTable
      data={rows}
      columns={columns}
      rowCount={rowCount}
      params={params}
      searchPlaceholder={t('schemas.searchPlaceholder')}
      caption={t('schemas.caption')}
      emptyMessage={t('schemas.empty')}
      getRowId={(row) => row.id}
      toolbarActions={<ExportLink href={exportHref} label={t('exportCsv')} />}
    />
  )
}
