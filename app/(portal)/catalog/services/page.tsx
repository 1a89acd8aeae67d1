import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import { CatalogTabs } from '@/components/catalog/catalog-tabs'
import { ServicesTable } from '@/components/catalog/services-table'
import { PageHeader } from '@/components/ui/page-header'
import { requireViewer } from '@/lib/auth/viewer'
import { serviceCatalog } from '@/lib/catalog/queries'
import { servicesParamsFrom, toSearchParams } from '@/lib/catalog/table-params'

export async function generateMetadata() {
  const t = await getTranslations('catalog')
  return { title: `${t('tabs.services')} — ${t('title')}` }
}

export default async function CatalogServicesPage({ searchParams }: PageProps<'/catalog/services'>) {
  const viewer = await requireViewer()
  const { definition, params } = servicesParamsFrom(toSearchParams(await searchParams))
  const { rows, rowCount, facets } = await serviceCatalog(viewer, params)
  const t = await getTranslations('catalog')
  const query = definition.serialize({ q: params.q || null, sort: params.sort, ...params.filters })
  // h5's publication request page; shown to those who may speak for a provider's catalog entries.
  const mayRequestPublication = viewer.memberships.some((m) => m.role === 'TECHNICAL_ADMIN')
  return (
    <div className="space-y-6">
      <PageHeader
        title={t('title')}
        description={t('description')}
        actions={
          mayRequestPublication && (
            <Link
              href="/catalog/publish"
              className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white no-underline hover:bg-brand-700 hover:no-underline"
            >
              {t('services.requestPublication')}
            </Link>
          )
        }
      />
      <CatalogTabs current="services" />
      <ServicesTable
        rows={rows}
        rowCount={rowCount}
        params={params}
        exportHref={`/catalog/services/export${query}`}
        facets={facets}
      />
    </div>
  )
}
