import { getTranslations } from 'next-intl/server'
import { StepForm } from '@/components/connections/step-form'
import { Badge } from '@/components/ui/badge'
import { cooperationInForceFrom } from '@/lib/connections/checklist'
import { formatCalendarDate } from '@/lib/dates'
import { createWorkshopAction, recordAttendanceAction, recordCooperationAction } from '@/lib/readiness/actions'
import type { Readiness } from '@/lib/readiness/queries'

/** The institution's readiness at a glance, and, for DGD staff, the forms that record it. */
export async function ReadinessPanel({ institutionId, readiness }: { institutionId: string; readiness: Readiness }) {
  const t = await getTranslations('readiness')
  const c = readiness.cooperation
  const inForceFrom = c && cooperationInForceFrom(c.segpresDecreeDate, c.institutionDecreeDate)
  return (
    <section aria-labelledby="readiness-title" className="space-y-4 rounded-md border border-line bg-white p-5">
      <h2 id="readiness-title" className="text-lg font-semibold">
        {t('title')}
      </h2>
      <ul className="grid gap-2 sm:grid-cols-2" data-testid="readiness">
        {readiness.items.map(({ item, met }) => (
          <li key={item} className="flex items-center gap-2 text-sm">
            <Badge tone={met ? 'success' : 'danger'}>{met ? t('met') : t('unmet')}</Badge>
            {t(`item.${item}`)}
          </li>
        ))}
      </ul>

      <div className="border-t border-line pt-4 text-sm">
        <h3 className="font-semibold">{t('cooperation')}</h3>
        {c ? (
          <dl className="mt-2 grid gap-x-6 gap-y-2 sm:grid-cols-2">
            <div>
              <dt className="text-muted">{t('signedOn')}</dt>
              <dd>{formatCalendarDate(c.signedOn)}</dd>
            </div>
            <div>
              <dt className="text-muted">{t('inForceFrom')}</dt>
              <dd>{inForceFrom ? formatCalendarDate(inForceFrom) : '—'}</dd>
            </div>
            <div>
              <dt className="text-muted">{t('segpresDecree')}</dt>
              <dd>
                {c.segpresDecreeNumber}, {formatCalendarDate(c.segpresDecreeDate)}
              </dd>
            </div>
            <div>
              <dt className="text-muted">{t('institutionDecree')}</dt>
              <dd>
                {c.institutionDecreeNumber}, {formatCalendarDate(c.institutionDecreeDate)}
              </dd>
            </div>
            <div>
              <dt className="text-muted">{t('term')}</dt>
              <dd>{c.terminatesOn ? `${t('terminatesOn')} ${formatCalendarDate(c.terminatesOn)}` : t('indefinite')}</dd>
            </div>
            <div>
              <dt className="text-muted">{t('sla')}</dt>
              <dd>{t('slaValue', { availability: c.availability, hours: c.criticalResolutionHours })}</dd>
            </div>
          </dl>
        ) : (
          <p className="mt-1 text-muted">{t('cooperationNone')}</p>
        )}
      </div>

      <div className="border-t border-line pt-4 text-sm">
        <h3 className="font-semibold">{t('attendances')}</h3>
        {readiness.attendances.length === 0 ? (
          <p className="mt-1 text-muted">{t('attendancesNone')}</p>
        ) : (
          <ul className="mt-1 space-y-1">
            {readiness.attendances.map((a) => (
              <li key={a.id}>
                {a.person.name} — {a.workshop.title} ({t(`kind.${a.workshop.kind}`)}, {formatCalendarDate(a.workshop.heldOn)})
              </li>
            ))}
          </ul>
        )}
      </div>

      {readiness.canManage && (
        <div className="grid gap-6 border-t border-line pt-4 lg:grid-cols-2">
          <div className="space-y-2">
            <h3 className="font-semibold">{t('record.title')}</h3>
            <StepForm
              action={recordCooperationAction.bind(null, institutionId)}
              submitLabel={t('record.submit')}
              fields={[
                { name: 'signedOn', label: t('record.signedOn'), type: 'date', required: true },
                { name: 'segpresDecreeNumber', label: t('record.segpresDecreeNumber'), type: 'text', required: true },
                { name: 'segpresDecreeDate', label: t('record.segpresDecreeDate'), type: 'date', required: true },
                { name: 'institutionDecreeNumber', label: t('record.institutionDecreeNumber'), type: 'text', required: true },
                { name: 'institutionDecreeDate', label: t('record.institutionDecreeDate'), type: 'date', required: true },
              ]}
            />
          </div>
          <div className="space-y-6">
            <div className="space-y-2">
              <h3 className="font-semibold">{t('attendance.title')}</h3>
              <StepForm
                action={recordAttendanceAction.bind(null, institutionId)}
                submitLabel={t('attendance.submit')}
                fields={[
                  {
                    name: 'workshopId',
                    label: t('attendance.workshop'),
                    type: 'select',
                    options: readiness.workshops.map((w) => ({ value: w.id, label: `${w.title} (${formatCalendarDate(w.heldOn)})` })),
                  },
                  { name: 'personId', label: t('attendance.person'), type: 'select', options: readiness.members.map((m) => ({ value: m.id, label: m.name })) },
                ]}
              />
            </div>
            <div className="space-y-2">
              <h3 className="font-semibold">{t('workshop.title')}</h3>
              <StepForm
                action={createWorkshopAction.bind(null, institutionId)}
                submitLabel={t('workshop.submit')}
                fields={[
                  { name: 'kind', label: t('workshop.kind'), type: 'select', options: (['CONSUMPTION', 'PROVISION'] as const).map((k) => ({ value: k, label: t(`kind.${k}`) })) },
                  { name: 'title', label: t('workshop.name'), type: 'text', required: true },
                  { name: 'heldOn', label: t('workshop.heldOn'), type: 'date', required: true },
                ]}
              />
            </div>
          </div>
        </div>
      )}
    </section>
  )
}
