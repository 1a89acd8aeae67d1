import { getTranslations } from 'next-intl/server'
import { Badge } from '@/components/ui/badge'
import { formatDate } from '@/lib/dates'
import type { AgreementServiceLevels, MonthServiceLevel } from '@/lib/traces/service-levels'

const pct = new Intl.NumberFormat('es-CL', { maximumFractionDigits: 2 })
const int = new Intl.NumberFormat('es-CL', { maximumFractionDigits: 0 })
const dmy = (iso: string) => `${iso.slice(8, 10)}-${iso.slice(5, 7)}-${iso.slice(0, 4)}`
const monthFormat = new Intl.DateTimeFormat('es-CL', { month: 'long', year: 'numeric', timeZone: 'UTC' })
const monthName = (month: string) => {
  const name = monthFormat.format(new Date(`${month}-01T00:00:00Z`))
  return name.charAt(0).toUpperCase() + name.slice(1)
}

/** An agreement's measured service levels per month, a breach marked in words and colour (both parties see it). */
export async function ServiceLevelsMeasured({ levels }: { levels: AgreementServiceLevels }) {
  const t = await getTranslations('agreements.serviceLevelsMeasured')
  const none = t('noTarget')
  const ms = (v: number | null) => (v === null ? '—' : `${int.format(v)} ms`)
  const percent = (v: number | null) => (v === null ? '—' : `${pct.format(v)} %`)
  const status = (m: MonthServiceLevel) => {
    if (m.exchanges === 0) return <Badge>{t('status.noExchanges')}</Badge>
    if (!m.complete) return <Badge tone="brand">{t('status.inProgress')}</Badge>
    if (m.breaches.length === 0) return <Badge tone="success">{t('status.met')}</Badge>
    return (
      <span className="space-y-1">
        <Badge tone="danger">
          {t('status.breach', { levels: m.breaches.map((b) => t(`status.${b}`)).join(', ') })}
        </Badge>
        {m.notifiedAt && (
          <span className="block text-xs text-muted">{t('status.notified', { date: formatDate(m.notifiedAt) })}</span>
        )}
      </span>
    )
  }
  return (
    <section aria-labelledby="service-levels" className="rounded-md border border-line bg-white p-5 text-sm">
      <h2 id="service-levels" className="text-lg font-semibold">
        {t('title')}
      </h2>
      <p className="mt-1 text-muted">{t('intro')}</p>
      <p className="mt-2 font-medium">
        {t('targets', {
          availability:
            levels.targets.availabilityPct === null ? none : `${pct.format(levels.targets.availabilityPct)} %`,
          p95: levels.targets.p95Ms === null ? none : `${int.format(levels.targets.p95Ms)} ms`,
        })}
      </p>
      {levels.months.length === 0 ? (
        <p className="mt-3 text-muted">{t('notInForce')}</p>
      ) : (
        // Scrolls sideways on a narrow screen: a region, focusable, so a keyboard can scroll it too.
        <div className="mt-3 overflow-x-auto" role="region" aria-label={t('caption')} tabIndex={0}>
          <table className="w-full text-left">
            <caption className="sr-only">{t('caption')}</caption>
            <thead>
              <tr className="border-b border-line whitespace-nowrap">
                {(
                  ['month', 'days', 'exchanges', 'availability', 'errorRate', 'p50', 'p95', 'p99', 'status'] as const
                ).map((c) => (
                  <th key={c} scope="col" className="px-2 py-1 font-semibold">
                    {t(`columns.${c}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {levels.months.map((m) => {
                const breach = (kind: 'availability' | 'latency') =>
                  m.breaches.includes(kind) ? 'font-semibold text-danger-700' : ''
                return (
                  <tr key={m.month} className="border-b border-line align-top whitespace-nowrap">
                    <th scope="row" className="px-2 py-1 font-medium">
                      {monthName(m.month)}
                    </th>
                    <td className="px-2 py-1">{t('days', { from: dmy(m.from), to: dmy(m.to) })}</td>
                    <td className="px-2 py-1 tabular-nums">{int.format(m.exchanges)}</td>
                    <td className={`px-2 py-1 tabular-nums ${breach('availability')}`}>{percent(m.availabilityPct)}</td>
                    <td className="px-2 py-1 tabular-nums">{percent(m.errorRatePct)}</td>
                    <td className="px-2 py-1 tabular-nums">{ms(m.p50Ms)}</td>
                    <td className={`px-2 py-1 tabular-nums ${breach('latency')}`}>{ms(m.p95Ms)}</td>
                    <td className="px-2 py-1 tabular-nums">{ms(m.p99Ms)}</td>
                    <td className="px-2 py-1">{status(m)}</td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}
