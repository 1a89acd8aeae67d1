import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import { ServerDataTable, type ServerColumn, type ServerTableFilter } from '@/components/data-table/server-data-table'
import { Badge } from '@/components/ui/badge'
import type { ServiceRow } from '@/lib/catalog/queries'
import {
  catalogStatuses,
  classifications,
  gradualityGroups,
  protocols,
  servicesTableParams,
  type ServicesTableParams,
} from '@/lib/catalog/table-params'
import { formatDate } from '@/lib/dates'
import { CompletenessMeter, StatusBadge, withCount, type FacetCounts } from './catalog-bits'

export type ServicesFacetsView = {
  provider: { value: string; label: string; count: number }[]
  procedure: { value: string; label: string; count: number }[]
  status: FacetCounts
  protocol: FacetCounts
  classification: FacetCounts
  group: FacetCounts
}

/** A toolbar filter over a declared list of values, each labelled with its count. */
export function countedFilter(
  label: string,
  values: readonly string[],
  labelOf: (v: string) => string,
  counts: FacetCounts,
) {
  return { label, options: values.map((value) => ({ value, label: withCount(labelOf(value), counts[value] ?? 0) })) }
}

export async function ServicesTable({
  rows,
  rowCount,
  params,
  facets,
  exportHref,
}: {
  rows: ServiceRow[]
  rowCount: number
  params: ServicesTableParams
  facets: ServicesFacetsView
  exportHref: string
}) {
  const t = await getTranslations('catalog')
  const definition = servicesTableParams({
    providers: facets.provider.map((p) => p.value),
    procedures: facets.procedure.map((p) => p.value),
  })
  const columns: ServerColumn<ServiceRow>[] = [
    {
      id: 'name',
      header: t('services.columns.name'),
      cell: (row) => (
        <>
          <Link href={`/catalog/services/${row.id}`} className="font-medium">
            {row.name}
          </Link>
          <div className="min-w-48 text-xs text-muted">{row.code}</div>
        </>
      ),
    },
    {
      id: 'provider',
      header: t('services.columns.provider'),
      cell: (row) => row.providerName,
      filter: {
        label: t('services.columns.provider'),
        options: facets.provider.map((p) => ({ value: p.value, label: withCount(p.label, p.count) })),
      },
    },
    { id: 'version', header: t('services.columns.version'), enableSorting: false, cell: (row) => row.version },
    {
      id: 'protocol',
      header: t('services.columns.protocol'),
      cell: (row) => row.protocol,
      filter: countedFilter(t('services.columns.protocol'), protocols, (v) => v, facets.protocol),
    },
    {
      id: 'status',
      header: t('services.columns.status'),
      cell: (row) => (
        <>
          <StatusBadge status={row.status} label={t(`status.${row.status}`)} />
          {row.stale && row.status !== 'RETIRED' && (
            <>
              {' '}
              <Badge tone="warning">{t('staleShort')}</Badge>
            </>
          )}
        </>
      ),
      filter: countedFilter(
        t('services.columns.status'),
        catalogStatuses,
        (v) => t(`status.${v as 'DRAFT'}`),
        facets.status,
      ),
    },
    {
      id: 'completeness',
      header: t('services.columns.completeness'),
      sortDescFirst: true,
      cell: (row) => <CompletenessMeter score={row.completeness} />,
    },
    {
      id: 'lastReviewedAt',
      header: t('services.columns.lastReviewedAt'),
      className: 'whitespace-nowrap',
      sortDescFirst: true,
      cell: (row) =>
        row.lastReviewedAt ? (
          <time dateTime={row.lastReviewedAt.toISOString()}>{formatDate(row.lastReviewedAt)}</time>
        ) : (
          t('never')
        ),
    },
  ]
  // Filters without a column of their own: shown in the toolbar only.
  const filters: ServerTableFilter[] = [
    {
      key: 'classification',
      ...countedFilter(
        t('services.columns.classification'),
        classifications,
        (v) => t(`classification.${v as 'PUBLIC'}`),
        facets.classification,
      ),
    },
    {
      key: 'procedure',
      label: t('services.columns.procedure'),
      options: facets.procedure.map((p) => ({ value: p.value, label: withCount(p.label, p.count) })),
    },
    {
      key: 'group',
      ...countedFilter(t('services.columns.group'), gradualityGroups, (v) => t('group', { group: v }), facets.group),
    },
  ]
  return (
    <ServerDataTable
      rows={rows}
      rowCount={rowCount}
      columns={columns}
      definition={definition}
      params={params}
      pathname="/catalog/services"
      searchPlaceholder={t('services.searchPlaceholder')}
      caption={t('services.caption')}
      emptyMessage={t('services.empty')}
      getRowId={(row) => row.id}
      filters={filters}
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
