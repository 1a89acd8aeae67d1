import { getTranslations } from 'next-intl/server'
import { MeetingRequestForm } from '@/components/connections/meeting-request-form'
import { PageHeader } from '@/components/ui/page-header'
import { requirePermission } from '@/lib/auth/viewer'
import { meetingRequestOptions } from '@/lib/connections/queries'

export async function generateMetadata() {
  const t = await getTranslations('connections.new')
  return { title: t('metaTitle') }
}

export default async function NewMeetingRequestPage() {
  const viewer = await requirePermission('connections.request')
  const t = await getTranslations('connections.new')
  const options = await meetingRequestOptions(viewer)
  return (
    <div className="max-w-3xl space-y-6">
      <PageHeader title={t('title')} description={t('intro')} />
      <section className="rounded-md border border-line bg-white p-5">
        <MeetingRequestForm options={options} />
      </section>
    </div>
  )
}
