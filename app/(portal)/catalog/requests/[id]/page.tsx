import Link from 'next/link'
import { notFound } from 'next/navigation'
import { getTranslations } from 'next-intl/server'
import { RequestOverview } from '@/components/review/request-overview'
import { RequestSteps } from '@/components/review/request-steps'
import { RequestTimeline } from '@/components/review/request-timeline'
import { Badge } from '@/components/ui/badge'
import { PageHeader } from '@/components/ui/page-header'
import { requirePermission } from '@/lib/auth/viewer'
import { messages } from '@/lib/i18n/messages'
import { requireRecordId } from '@/lib/ids'
import { getRequest } from '@/lib/review/queries'

const outcomes = Object.keys(messages.review.success) as (keyof typeof messages.review.success)[]

export default async function PublicationRequestPage({ params, searchParams }: PageProps<'/catalog/requests/[id]'>) {
  const viewer = await requirePermission('publications.read')
  const detail = await getRequest(viewer, requireRecordId((await params).id))
  if (!detail) notFound()
  const { done: doneParam } = await searchParams
  const done = outcomes.find((key) => key === doneParam)
  const t = await getTranslations('review')
  return (
    <div className="space-y-6">
      <PageHeader
        eyebrow={<Link href="/catalog/requests">{t('title')}</Link>}
        title={`${t('detail.request')} N° ${detail.number}`}
        description={`${detail.subject} · v${detail.version} · ${detail.institutionName}`}
        actions={
          <Badge tone={detail.status === 'PUBLISHED' ? 'success' : 'brand'}>{t(`status.${detail.status}`)}</Badge>
        }
      />
      {done && (
        <p role="status" className="rounded-md border border-success-700/30 bg-success-50 p-3 text-sm text-success-700">
          {t(`success.${done}`)}
        </p>
      )}
      {detail.waitingOn.length > 0 && (
        <p className="text-sm" data-testid="waiting-on">
          <span className="font-semibold">{t('detail.waitingOn')}: </span>
          {detail.waitingOn.map((p) => t(`party.${p}`)).join(', ')}
        </p>
      )}
      {detail.status === 'PUBLISHED' && detail.serviceId && (
        <p className="text-sm">
          <Link href={`/catalog/services/${detail.serviceId}`}>{t('detail.openCatalog')}</Link>
        </p>
      )}
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <RequestSteps detail={detail} />
          <RequestOverview detail={detail} />
        </div>
        <RequestTimeline entries={detail.timeline} />
      </div>
    </div>
  )
}
