import { getTranslations } from 'next-intl/server'
import { NodesTable } from '@/components/nodes/nodes-table'
import { PageHeader } from '@/components/ui/page-header'
import { requirePermission } from '@/lib/auth/viewer'
import { listNodes } from '@/lib/nodes/queries'
import { nodesTableParams } from '@/lib/nodes/table-params'

export async function generateMetadata() {
  const t = await getTranslations('nodes')
  return { title: t('title') }
}

export default async function NodesPage({ searchParams }: PageProps<'/nodes'>) {
  const viewer = await requirePermission('nodes.monitor')
  const params = await nodesTableParams.load(searchParams)
  const { rows, rowCount, minVersion } = await listNodes(viewer, params)
  const t = await getTranslations('nodes')
  return (
    <div className="space-y-6">
      <PageHeader title={t('title')} description={`${t('description')} ${t('minVersion', { version: minVersion })}`} />
      <NodesTable rows={rows} rowCount={rowCount} params={params} />
    </div>
  )
}
