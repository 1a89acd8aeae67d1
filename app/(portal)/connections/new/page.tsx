import { getTranslations } from 'next-intl/server'
import { MeetingRequestForm } from '@/components/connections/meeting-request-form'
import { PageHeader } from '@/components/ui/page-header'
import { requirePermission } from '@/lib/auth/viewer'
import { meetingRequestOptions } from '@/lib/connections/queries'
import { isRecordId } from '@/lib/ids'

export async function generateMetadata() {
  const t = await getTranslations('connections.new')
  return { title: t('metaTitle') }
}

export default async function NewMeetingRequestPage({ searchParams }: PageProps<'/connections/new'>) {
  const viewer = await requirePermission('connections.request')
  const t = await getTranslations('connections.new')
  const options = await meetingRequestOptions(viewer)
  // "Solicitar acceso" on a catalog page links here with the service chosen (?service=<id>).
  const { service } = await searchParams
  const serviceId = isRecordId(service) && options.services.some((s) => s.id === service) ? service : undefined
  return (
    <div className="max-w-3xl space-y-6">
      <PageHeader title={t('title')} description={t('intro')} />
      <section className="rounded-md border border-line bg-white p-5">
        <MeetingRequestForm options={options} serviceId={serviceId} />
      </section>
    </div>
  )
}
