import { getTranslations } from 'next-intl/server'
import { AgreementsTable } from '@/components/agreements/agreements-table'
import { PageHeader } from '@/components/ui/page-header'
import { listAgreements } from '@/lib/agreements/queries'
import { agreementsTableParams } from '@/lib/agreements/table-params'
import { requirePermission } from '@/lib/auth/viewer'

export async function generateMetadata() {
  const t = await getTranslations('agreements')
  return { title: t('title') }
}

export default async function AgreementsPage({ searchParams }: PageProps<'/agreements'>) {
  const viewer = await requirePermission('connections.read')
  const params = await agreementsTableParams.load(searchParams)
  const { rows, rowCount } = await listAgreements(viewer, params)
  const t = await getTranslations('agreements')
  return (
    <div className="space-y-6">
      <PageHeader title={t('title')} description={t('description')} />
      <AgreementsTable rows={rows} rowCount={rowCount} params={params} />
    </div>
  )
}
