import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import { CasesTable } from '@/components/connections/cases-table'
import { PageHeader } from '@/components/ui/page-header'
import { can } from '@/lib/auth/roles'
import { requirePermission } from '@/lib/auth/viewer'
import { listCases } from '@/lib/connections/queries'
import { casesTableParams } from '@/lib/connections/table-params'

export async function generateMetadata() {
  const t = await getTranslations('connections')
  return { title: t('title') }
}

export default async function ConnectionsPage({ searchParams }: PageProps<'/connections'>) {
  const viewer = await requirePermission('connections.read')
  const params = await casesTableParams.load(searchParams)
  const { rows, rowCount } = await listCases(viewer, params)
  const t = await getTranslations('connections')
  const mayRequest = can(viewer, 'connections.request')
  return (
    <div className="space-y-6">
      <PageHeader
        title={t('title')}
        description={t('description')}
        actions={
          mayRequest && (
            <Link
              href="/connections/new"
              className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white no-underline hover:bg-brand-700 hover:no-underline"
            >
              {t('newRequest')}
            </Link>
          )
        }
      />
      <CasesTable rows={rows} rowCount={rowCount} params={params} />
    </div>
  )
}
