'use client'

import Link from 'next/link'
import { useMemo } from 'react'
import { useTranslations } from 'next-intl'
import { DataTable } from '@/components/data-table/data-table'
import { createDataTableColumnHelper } from '@/components/data-table/data-table-features'
import { Badge } from '@/components/ui/badge'
import type { ServiceRow } from '@/lib/catalog/queries'
import {
  catalogStatuses,
  classifications,
  gradualityGroups,
  protocols,
  servicesTableParams,
} from '@/lib/catalog/table-params'
import { formatDate } from '@/lib/dates'
import { CompletenessMeter, StatusBadge, withCount, type FacetCounts } from './catalog-bits'

const column = createDataTableColumnHelper<ServiceRow>()

export type ServicesFacetsView = {
  provider: { value: string; label: string; count: number }[]
  procedure: { value: string; label: string; count: number }[]
  status: FacetCounts
  protocol: FacetCounts
  classification: FacetCounts
  group: FacetCounts
}

export function ServicesTable({
  rows,
  rowCount,
  facets,
  exportHref,
}: {
  rows: ServiceRow[]
  rowCount: number
  facets: ServicesFacetsView
  exportHref: string
}) {
  const t = useTranslations('catalog')
  const params = useMemo(
    () =>
      servicesTableParams({
        providers: facets.provider.map((p) => p.value),
        procedures: facets.procedure.map((p) => p.value),
      }),
    [facets.provider, facets.procedure],
  )
  const columns = useMemo(() => {
    const option = (label: string, values: readonly string[], labelOf: (v: string) => string, counts: FacetCounts) => ({
      filter: {
        label,
        options: values.map((value) => ({ value, label: withCount(labelOf(value), counts[value] ?? 0) })),
      },
    })
    return column.columns([
      column.accessor('name', {
        header: t('services.columns.name'),
        cell: ({ row }) => (
          <div className="min-w-48">
            <Link href={`/catalog/services/${row.original.id}`} className="font-medium">
              {row.original.name}
            </Link>
            <div className="text-xs text-muted">{row.original.code}</div>
          </div>
        ),
      }),
      column.accessor('providerName', {
        id: 'provider',
        header: t('services.columns.provider'),
        meta: {
          filter: {
            label: t('services.columns.provider'),
            options: facets.provider.map((p) => ({ value: p.value, label: withCount(p.label, p.count) })),
          },
        },
      }),
      column.accessor('version', { header: t('services.columns.version'), enableSorting: false }),
      column.accessor('protocol', {
        header: t('services.columns.protocol'),
        meta: option(t('services.columns.protocol'), protocols, (v) => v, facets.protocol),
      }),
      column.accessor('status', {
        header: t('services.columns.status'),
        cell: ({ row }) => (
          <div className="flex flex-wrap gap-1">
            <StatusBadge status={row.original.status} label={t(`status.${row.original.status}`)} />
            {row.original.stale && row.original.status !== 'RETIRED' && <Badge tone="warning">{t('staleShort')}</Badge>}
          </div>
        ),
        meta: option(t('services.columns.status'), catalogStatuses, (v) => t(`status.${v as 'DRAFT'}`), facets.status),
      }),
      column.accessor('completeness', {
        header: t('services.columns.completeness'),
        cell: ({ getValue }) => <CompletenessMeter score={getValue()} />,
      }),
      column.accessor('lastReviewedAt', {
        header: t('services.columns.lastReviewedAt'),
        cell: ({ getValue }) => {
          const value = getValue()
          return value ? <time dateTime={value.toISOString()}>{formatDate(value)}</time> : t('never')
        },
        meta: { className: 'whitespace-nowrap' },
      }),
      // Filters without a column of their own: shown in the toolbar only.
      column.display({
        id: 'classification',
        header: () => null,
        cell: () => null,
        enableSorting: false,
        meta: {
          className: 'hidden',
          ...option(
            t('services.columns.classification'),
            classifications,
            (v) => t(`classification.${v as 'PUBLIC'}`),
            facets.classification,
          ),
        },
      }),
      column.display({
        id: 'procedure',
        header: () => null,
        cell: () => null,
        enableSorting: false,
        meta: {
          className: 'hidden',
          filter: {
            label: t('services.columns.procedure'),
            options: facets.procedure.map((p) => ({ value: p.value, label: withCount(p.label, p.count) })),
          },
        },
      }),
      column.display({
        id: 'group',
        header: () => null,
        cell: () => null,
        enableSorting: false,
        meta: {
          className: 'hidden',
          ...option(t('services.columns.group'), gradualityGroups, (v) => t('group', { group: v }), facets.group),
        },
      }),
    ])
  }, [t, facets])
  return (
    <DataTable
      data={rows}
      columns={columns}
      rowCount={rowCount}
      params={params}
      searchPlaceholder={t('services.searchPlaceholder')}
      caption={t('services.caption')}
      emptyMessage={t('services.empty')}
      getRowId={(row) => row.id}
      toolbarActions={<ExportLink href={exportHref} label={t('exportCsv')} />}
    />
  )
}

export function ExportLink({ href, label }: { href: string; label: string }) {
  return (
    <a
      href={href}
      className="rounded-md border border-line bg-white px-3 py-2 text-sm font-medium no-underline hover:bg-brand-50 hover:no-underline"
    >
      {label}
    </a>
  )
}
