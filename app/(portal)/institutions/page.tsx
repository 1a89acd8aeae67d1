import { getTranslations } from 'next-intl/server'
import { InstitutionsTable } from '@/components/institutions/institutions-table'
import { PageHeader } from '@/components/ui/page-header'
import { requirePermission } from '@/lib/auth/viewer'
import { listInstitutions } from '@/lib/institutions/queries'
import { institutionsTableParams } from '@/lib/institutions/table-params'

export async function generateMetadata() {
  const t = await getTranslations('institutions')
  return { title: t('title') }
}

export default async function InstitutionsPage({ searchParams }: PageProps<'/institutions'>) {
  const viewer = await requirePermission('institutions.browse')
  const params = await institutionsTableParams.load(searchParams)
  const { rows, rowCount } = await listInstitutions(viewer, params)
  const t = await getTranslations('institutions')
  const exportQuery = institutionsTableParams.serialize({ q: params.q || null, sort: params.sort, ...params.filters })

  return (
    <div className="space-y-6">
      <PageHeader title={t('title')} description={t('description')} />
      <InstitutionsTable
        rows={rows}
        rowCount={rowCount}
        params={params}
        exportHref={`/institutions/export${exportQuery}`}
      />
    </div>
  )
}
