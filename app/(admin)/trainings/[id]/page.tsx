import Link from 'next/link'
import { notFound } from 'next/navigation'
import { getTranslations } from 'next-intl/server'
import { AddAttendanceForm } from '@/components/trainings/add-attendance-form'
import { AttendeesTable } from '@/components/trainings/attendees-table'
import { FormMessage } from '@/components/ui/form-message'
import { PageHeader } from '@/components/ui/page-header'
import { requireRecordId } from '@/lib/ids'
import { requirePermission } from '@/lib/auth/viewer'
import { formatCalendarDate } from '@/lib/dates'
import { getWorkshop } from '@/lib/trainings/queries'

export async function generateMetadata({ params }: PageProps<'/trainings/[id]'>) {
  const viewer = await requirePermission('readiness.manage')
  return { title: (await getWorkshop(viewer, requireRecordId((await params).id)))?.title }
}

export default async function WorkshopPage({ params, searchParams }: PageProps<'/trainings/[id]'>) {
  const viewer = await requirePermission('readiness.manage')
  const workshop = await getWorkshop(viewer, requireRecordId((await params).id))
  if (!workshop) notFound()
  const t = await getTranslations('trainings')
  const created = (await searchParams).created === '1'

  return (
    <div className="space-y-8">
      <PageHeader
        eyebrow={<Link href="/trainings">{t('detail.backToList')}</Link>}
        title={workshop.title}
        description={t('detail.facts', { kind: t(`kind.${workshop.kind}`), date: formatCalendarDate(workshop.heldOn) })}
      />
      {created && <FormMessage state={{ status: 'success', message: t('detail.created') }} />}
      <section aria-labelledby="attendees-title" className="space-y-3">
        <h2 id="attendees-title" className="text-lg font-semibold">
          {t('detail.attendees')}
        </h2>
        {workshop.attendees.length === 0 ? (
          <p className="rounded-md border border-line bg-white p-5 text-muted">{t('detail.attendeesNone')}</p>
        ) : (
          <AttendeesTable attendees={workshop.attendees} />
        )}
      </section>
      <section aria-labelledby="attendance-title" className="rounded-md border border-line bg-white p-5">
        <h2 id="attendance-title" className="mb-2 text-lg font-semibold">
          {t('attendance.title')}
        </h2>
        <AddAttendanceForm
          workshopId={workshop.id}
          institutions={workshop.institutions}
          labels={{
            intro: t('attendance.intro'),
            run: t('attendance.run'),
            runHint: t('attendance.runHint'),
            institution: t('attendance.institution'),
            institutionHint: t('attendance.institutionHint'),
            institutionAuto: t('attendance.institutionAuto'),
            submit: t('attendance.submit'),
            submitting: t('attendance.submitting'),
          }}
        />
      </section>
    </div>
  )
}
