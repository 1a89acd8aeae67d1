import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import { CatalogTabs } from '@/components/catalog/catalog-tabs'
import { RequestsTable } from '@/components/review/requests-table'
import { PageHeader } from '@/components/ui/page-header'
import { can } from '@/lib/auth/roles'
import { requirePermission } from '@/lib/auth/viewer'
import { listRequests } from '@/lib/review/queries'
import { requestsTableParams } from '@/lib/review/table-params'

export async function generateMetadata() {
  const t = await getTranslations('review')
  return { title: t('title') }
}

export default async function PublicationRequestsPage({ searchParams }: PageProps<'/catalog/requests'>) {
  const viewer = await requirePermission('publications.read')
  const params = await requestsTableParams.load(searchParams)
  const { rows, rowCount } = await listRequests(viewer, params)
  const t = await getTranslations('review')
  return (
    <div className="space-y-6">
      <PageHeader
        title={t('title')}
        description={t('description')}
        actions={
          can(viewer, 'publications.request') && (
            <Link
              href="/catalog/publish"
              className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white no-underline hover:bg-brand-700 hover:no-underline"
            >
              {t('newRequest')}
            </Link>
          )
        }
      />
      <CatalogTabs current="requests" />
      <RequestsTable rows={rows} rowCount={rowCount} params={params} />
    </div>
  )
}
