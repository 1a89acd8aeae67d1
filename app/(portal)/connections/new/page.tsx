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
  const tRole = await getTranslations('connections.requesterRole')
  const options = await meetingRequestOptions(viewer)
  // "Solicitar acceso" on a catalog page links here with the service chosen (?service=<id>).
  const { service } = await searchParams
  const serviceId = isRecordId(service) && options.services.some((s) => s.id === service) ? service : undefined
  return (
    <div className="max-w-3xl space-y-6">
      <PageHeader title={t('title')} description={t('intro')} />
      <section className="rounded-md border border-line bg-white p-5">
        <MeetingRequestForm
          options={options}
          serviceId={serviceId}
          labels={{
            requesterRole: t('requesterRole'),
            consumer: t('consumer'),
            consumerHint: t('consumerHint'),
            consumerHintProvider: t('consumerHintProvider'),
            chooseConsumer: t('chooseConsumer'),
            service: t('service'),
            serviceHint: t('serviceHint'),
            chooseService: t('chooseService'),
            needs: t('needs'),
            needsHint: t('needsHint'),
            preferredDates: t('preferredDates'),
            preferredDatesHint: t('preferredDatesHint'),
            submit: t('submit'),
            submitting: t('submitting'),
            roles: { CONSUMER: tRole('CONSUMER'), PROVIDER: tRole('PROVIDER'), BOTH: tRole('BOTH') },
            dates: [1, 2, 3].map((n) => t('date', { n })),
            withOpenCase: Object.fromEntries(
              options.openCases.flatMap((c) => {
                const service = options.services.find((s) => s.id === c.serviceId)
                return service
                  ? [
                      [
                        `${c.consumerId} ${c.serviceId}`,
                        t('serviceWithOpenCase', { service: service.label, number: c.number }),
                      ],
                    ]
                  : []
              }),
            ),
          }}
        />
      </section>
    </div>
  )
}
