import { getTranslations } from 'next-intl/server'
import { AuditTable } from '@/components/audit/audit-table'
import { PageHeader } from '@/components/ui/page-header'
import { listAuditEvents } from '@/lib/audit/queries'
import { auditTableParams } from '@/lib/audit/table-params'
import { requirePermission } from '@/lib/auth/viewer'

export async function generateMetadata() {
  const t = await getTranslations('audit')
  return { title: t('title') }
}

export default async function AuditPage({ searchParams }: PageProps<'/audit'>) {
  const viewer = await requirePermission('audit.read')
  const params = await auditTableParams.load(searchParams)
  const { rows, rowCount } = await listAuditEvents(viewer, params)
  const t = await getTranslations('audit')
  return (
    <div className="space-y-6">
      <PageHeader title={t('title')} description={t('description')} />
      <AuditTable rows={rows} rowCount={rowCount} params={params} />
    </div>
  )
}
