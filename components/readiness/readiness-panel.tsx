import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import { CooperationDetails } from '@/components/readiness/cooperation-details'
import { formatCalendarDate } from '@/lib/dates'
import type { Readiness } from '@/lib/readiness/queries'
import type { ReadinessItem } from '@/lib/readiness/readiness'

/** "Preparación para PISEE 2": each requirement ✓ or ✗ with one line saying why, or what to do next. */
export async function ReadinessPanel({ institutionId, readiness }: { institutionId: string; readiness: Readiness }) {
  const t = await getTranslations('readiness')
  const metCount = readiness.items.filter((i) => i.met).length

  function explanation(item: ReadinessItem, status: string): string {
    const c = readiness.cooperation
    switch (item) {
      case 'cooperation': {
        const date = c && (status === 'terminating' || status === 'terminated' ? c.terminatesOn : c.inForceFrom)
        return t(`status.cooperation.${status as 'none'}`, { date: date ? formatCalendarDate(date) : '' })
      }
      case 'technicalAdmin':
      case 'businessAdmin': {
        const names = item === 'technicalAdmin' ? readiness.technicalAdmins : readiness.businessAdmins
        return t(`status.${item}.${status as 'missing'}`, { names: names.join(', ') })
      }
      case 'consumptionTraining':
      case 'provisionTraining': {
        const kind = item === 'consumptionTraining' ? 'CONSUMPTION' : 'PROVISION'
        const latest = readiness.attendances.find((a) => a.kind === kind)
        return t(`status.${item}.${status as 'missing'}`, {
          name: latest?.personName ?? '',
          title: latest?.title ?? '',
          date: latest ? formatCalendarDate(latest.heldOn) : '',
        })
      }
    }
  }

  return (
    <section aria-labelledby="readiness-title" className="space-y-4 rounded-md border border-line bg-white p-5">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 id="readiness-title" className="text-lg font-semibold">
            {t('title')}
          </h2>
          <p className="text-sm text-muted">{t('summary', { met: metCount, total: readiness.items.length })}</p>
        </div>
        {readiness.canManage && (
          <Link
            href={`/institutions/${institutionId}/readiness`}
            className="rounded-md border border-line bg-white px-3 py-2 text-sm font-medium no-underline hover:bg-brand-50 hover:no-underline"
          >
            {t('manageLink')}
          </Link>
        )}
      </div>

      <ul aria-labelledby="readiness-title" className="divide-y divide-line rounded-md border border-line">
        {readiness.items.map(({ item, met, status }) => (
          <li key={item} className="flex gap-3 p-3">
            <span
              aria-hidden="true"
              className={`mt-0.5 flex size-6 shrink-0 items-center justify-center rounded-full text-sm font-bold ${
                met ? 'bg-success-50 text-success-700' : 'bg-danger-50 text-danger-700'
              }`}
            >
              {met ? '✓' : '✗'}
            </span>
            <div className="min-w-0">
              <p className="font-medium">
                {t(`item.${item}`)}
                <span className={`ml-2 text-xs font-semibold ${met ? 'text-success-700' : 'text-danger-700'}`}>
                  {met ? t('met') : t('unmet')}
                </span>
              </p>
              <p className="text-sm text-muted">{explanation(item, status)}</p>
            </div>
          </li>
        ))}
      </ul>

      <div className="border-t border-line pt-4">
        <CooperationDetails institutionId={institutionId} cooperation={readiness.cooperation} />
      </div>

      <div className="border-t border-line pt-4 text-sm">
        <h3 className="font-semibold">{t('attendances.title')}</h3>
        {readiness.attendances.length === 0 ? (
          <p className="mt-1 text-muted">{t('attendances.none')}</p>
        ) : (
          <ul className="mt-1 list-disc space-y-1 pl-5">
            {readiness.attendances.map((a) => (
              <li key={a.id}>
                {t('attendances.row', {
                  name: a.personName,
                  title: a.title,
                  kind: t(`kind.${a.kind}`),
                  date: formatCalendarDate(a.heldOn),
                })}
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  )
}
