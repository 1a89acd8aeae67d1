import { getTranslations } from 'next-intl/server'
import { MeetingRequestForm } from '@/components/connections/meeting-request-form'
import { PageHeader } from '@/components/ui/page-header'
import { requirePermission } from '@/lib/auth/viewer'
import { meetingRequestOptions } from '@/lib/connections/queries'

export const metadata = { title: 'Solicitar reunión' }

export default async function NewMeetingRequestPage() {
  const viewer = await requirePermission('connections.request')
  const t = await getTranslations('connections.new')
  const options = await meetingRequestOptions(viewer)
  // The CTD's own institutions first: the usual case is asking as the consumer.
  const ownIds = new Set(options.ownInstitutions.map((i) => i.id))
  const consumers = [
    ...options.ownInstitutions.map((i) => ({ value: i.id, label: i.name })),
    ...options.institutions.filter((i) => !ownIds.has(i.id)).map((i) => ({ value: i.id, label: i.name })),
  ]
  return (
    <div className="max-w-3xl space-y-6">
      <PageHeader title={t('title')} description={t('intro')} />
      <section className="rounded-md border border-line bg-white p-5">
        <MeetingRequestForm services={options.services.map((s) => ({ value: s.id, label: s.label }))} consumers={consumers} />
      </section>
    </div>
  )
}
