import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import { formatDateTime } from '@/lib/dates'
import type { WorkshopAttendee } from '@/lib/trainings/queries'
import { RemoveAttendanceButton } from './remove-attendance-button'

/** Who attended a workshop, for which institution; each row can be removed. */
export async function AttendeesTable({ attendees }: { attendees: WorkshopAttendee[] }) {
  const t = await getTranslations('trainings')
  return (
    <div className="overflow-x-auto rounded-md border border-line bg-white">
      <table className="w-full min-w-[40rem] text-left text-sm">
        <caption className="sr-only">{t('detail.attendees')}</caption>
        <thead className="border-b border-line bg-surface text-muted">
          <tr>
            <th scope="col" className="px-4 py-3 font-medium">
              {t('detail.columns.name')}
            </th>
            <th scope="col" className="px-4 py-3 font-medium">
              {t('detail.columns.run')}
            </th>
            <th scope="col" className="px-4 py-3 font-medium">
              {t('detail.columns.institution')}
            </th>
            <th scope="col" className="px-4 py-3 font-medium">
              {t('detail.columns.recordedAt')}
            </th>
            <th scope="col" className="px-4 py-3">
              <span className="sr-only">{t('attendance.remove')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {attendees.map((a) => (
            <tr key={a.id} className="border-b border-line align-top last:border-0">
              <th scope="row" className="px-4 py-3 font-medium">
                {a.personName}
              </th>
              <td className="whitespace-nowrap px-4 py-3">{a.run}</td>
              <td className="px-4 py-3">
                <Link href={`/institutions/${a.institutionId}`}>{a.institutionName}</Link>
              </td>
              <td className="whitespace-nowrap px-4 py-3">{formatDateTime(a.recordedAt)}</td>
              <td className="px-4 py-3">
                <RemoveAttendanceButton
                  attendanceId={a.id}
                  label={t('attendance.remove')}
                  accessibleName={t('attendance.removeLabel', { name: a.personName })}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
