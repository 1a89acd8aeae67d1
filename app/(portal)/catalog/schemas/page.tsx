import { getTranslations } from 'next-intl/server'
import { CatalogTabs } from '@/components/catalog/catalog-tabs'
import { SchemasTable } from '@/components/catalog/schemas-table'
import { PageHeader } from '@/components/ui/page-header'
import { requireViewer } from '@/lib/auth/viewer'
import { institutionLabels, listSchemas, schemaFacets } from '@/lib/catalog/queries'
import { schemasParamsFrom, toSearchParams, withSelected } from '@/lib/catalog/table-params'

export async function generateMetadata() {
  const t = await getTranslations('catalog')
  return { title: `${t('tabs.schemas')} — ${t('title')}` }
}

export default async function CatalogSchemasPage({ searchParams }: PageProps<'/catalog/schemas'>) {
  const viewer = await requireViewer()
  const { definition, params } = schemasParamsFrom(toSearchParams(await searchParams))
  const [{ rows, rowCount }, facets, selected] = await Promise.all([
    listSchemas(viewer, params),
    schemaFacets(viewer, params.q),
    institutionLabels(params.filters.owner),
  ])
  const t = await getTranslations('catalog')
  const query = definition.serialize({ q: params.q || null, sort: params.sort, ...params.filters })
  return (
    <div className="space-y-6">
      <PageHeader title={t('title')} description={t('description')} />
      <CatalogTabs current="schemas" />
      <SchemasTable
        rows={rows}
        rowCount={rowCount}
        params={params}
        exportHref={`/catalog/schemas/export${query}`}
        facets={{ ...facets, owner: withSelected(facets.owner, params.filters.owner, selected) }}
      />
    </div>
  )
}
