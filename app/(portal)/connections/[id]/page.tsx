import Link from 'next/link'
import { notFound } from 'next/navigation'
import { getTranslations } from 'next-intl/server'
import { ServiceLevelsMeasured } from '@/components/agreements/service-levels-measured'
import { CaseOverview } from '@/components/connections/case-overview'
import { CaseStatusBadge } from '@/components/connections/case-status-badge'
import { CaseSteps } from '@/components/connections/case-steps'
import { CaseTimeline } from '@/components/connections/case-timeline'
import { PageHeader } from '@/components/ui/page-header'
import { requireRecordId } from '@/lib/ids'
import { requirePermission } from '@/lib/auth/viewer'
import { getCase } from '@/lib/connections/queries'
import { messages } from '@/lib/i18n/messages'
import { agreementServiceLevels } from '@/lib/traces/service-levels'

const outcomes = Object.keys(messages.connections.success) as (keyof typeof messages.connections.success)[]

export default async function CasePage({ params, searchParams }: PageProps<'/connections/[id]'>) {
  const viewer = await requirePermission('connections.read')
  const detail = await getCase(viewer, requireRecordId((await params).id))
  const { done: doneParam } = await searchParams
  const done = outcomes.find((key) => key === doneParam)
  // Not a party: the case does not exist for this viewer.
  if (!detail) notFound()
  const levels = detail.agreement?.inForceFrom ? await agreementServiceLevels(viewer, detail.agreement.id) : null
  const t = await getTranslations('connections')
  return (
    <div className="space-y-6">
      <PageHeader
        eyebrow={<Link href="/connections">{t('title')}</Link>}
        title={t('detail.caseNumber', { number: detail.number })}
        description={`${detail.service.name} · ${detail.consumer.name} → ${detail.provider.name}`}
        actions={<CaseStatusBadge status={detail.status} />}
      />
      {done && (
        <p role="status" className="rounded-md border border-success-700/30 bg-success-50 p-3 text-sm text-success-700">
          {t(`success.${done}`)}
        </p>
      )}
      <p className="text-sm" data-testid="waiting-on">
        <span className="font-semibold">{t('detail.waitingOn')}: </span>
        {detail.waitingOn.length
          ? detail.waitingOn.map((p) => t(`detail.nextParty.${p}`)).join(', ')
          : t('detail.nobodyWaiting', { status: t(`status.${detail.status}`).toLowerCase() })}
      </p>
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <CaseSteps detail={detail} />
          <CaseOverview detail={detail} mayRevoke={detail.mayRevokeGrants} />
          {levels && <ServiceLevelsMeasured levels={levels} />}
        </div>
        <CaseTimeline entries={detail.timeline} />
      </div>
    </div>
  )
}
