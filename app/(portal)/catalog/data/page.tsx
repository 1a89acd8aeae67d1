import { getTranslations } from 'next-intl/server'
import { CatalogTabs } from '@/components/catalog/catalog-tabs'
import { DataElementsTable } from '@/components/catalog/data-elements-table'
import { PageHeader } from '@/components/ui/page-header'
import { requireViewer } from '@/lib/auth/viewer'
import { dataElementFacets, institutionLabels, listDataElements } from '@/lib/catalog/queries'
import { dataElementsParamsFrom, toSearchParams, withSelected } from '@/lib/catalog/table-params'

export async function generateMetadata() {
  const t = await getTranslations('catalog')
  return { title: `${t('tabs.data')} — ${t('title')}` }
}

export default async function CatalogDataPage({ searchParams }: PageProps<'/catalog/data'>) {
  await requireViewer()
  const { definition, params } = dataElementsParamsFrom(toSearchParams(await searchParams))
  const [{ rows, rowCount }, facets, selected] = await Promise.all([
    listDataElements(params),
    dataElementFacets(params.q),
    institutionLabels(params.filters.responsible),
  ])
  const t = await getTranslations('catalog')
  const query = definition.serialize({ q: params.q || null, sort: params.sort, ...params.filters })
  return (
    <div className="space-y-6">
      <PageHeader title={t('title')} description={t('description')} />
      <CatalogTabs current="data" />
      <DataElementsTable
        rows={rows}
        rowCount={rowCount}
        params={params}
        exportHref={`/catalog/data/export${query}`}
        facets={{ ...facets, responsible: withSelected(facets.responsible, params.filters.responsible, selected) }}
      />
    </div>
  )
}
