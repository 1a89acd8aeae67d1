import 'server-only'
import { createTranslator } from 'next-intl'
import type { Viewer } from '@/lib/auth/load-viewer'
import { caseScope } from '@/lib/connections/scope'
import { db, dbPool } from '@/lib/db/client'
import { todayInChile } from '@/lib/dates'
import { locale } from '@/lib/i18n/config'
import { messages } from '@/lib/i18n/messages'
import { notifyCaseParties } from '@/lib/nodes/credential-admin'
import { addRow, emptyCounts, percentileMs, refreshDailyStats, type BucketCounts, type StatRow } from './stats'

/**
 * Service levels measured (issue 11, docs/decisions/025-trace-charts-and-service-levels.md). For an
 * agreement, per Chilean calendar month while it was in force, from the PROVIDER's production reports
 * of the exchanges between its two parties on its service:
 *
 * - availability = successful exchanges ÷ (successful + provider errors + no answer): the share of the
 *   consumer's well-formed requests the provider served. Consumer errors (CLIENT_ERROR) are left out:
 *   a malformed request is not the provider's unavailability. No exchanges: not measured.
 * - error rate = exchanges that did not succeed, of any kind ÷ all exchanges;
 * - latency p50/p95/p99 over all of them, from the rollup's latency buckets (interpolated within one).
 *
 * A month is judged once it is over (in Chile); it is in breach when its availability is below the
 * agreement's `slaAvailabilityPct` or its p95 above `slaP95Ms`. A breach is notified to both parties
 * once (traces.sla_breach holds one row per agreement and month).
 */

export type ServiceLevelTargets = { availabilityPct: number | null; p95Ms: number | null }

export type MonthServiceLevel = {
  /** YYYY-MM. */
  month: string
  /** The Chilean days measured (the agreement's days in force within the month, up to today). */
  from: string
  to: string
  /** The month is over (or the agreement ended within it): it is judged. */
  complete: boolean
  exchanges: number
  availabilityPct: number | null
  errorRatePct: number | null
  p50Ms: number | null
  p95Ms: number | null
  p99Ms: number | null
  /** Levels missed, for a complete month. */
  breaches: ('availability' | 'latency')[]
  notifiedAt: Date | null
}

type AgreementFacts = {
  id: string
  inForceFrom: Date | null
  endsOn: Date | null
  terminatesOn: Date | null
  slaAvailabilityPct: number | null
  slaP95Ms: number | null
  case: { consumerId: string; providerId: string; service: { code: string } }
}

const agreementFactsSelect = {
  id: true,
  inForceFrom: true,
  endsOn: true,
  terminatesOn: true,
  slaAvailabilityPct: true,
  slaP95Ms: true,
  case: { select: { consumerId: true, providerId: true, service: { select: { code: true } } } },
} as const

const DAY_MS = 86_400_000
const iso = (d: Date) => d.toISOString().slice(0, 10)

/** The Chilean days the agreement was in force, up to today: [first, last], or null if none yet. */
export function daysInForce(a: Omit<AgreementFacts, 'case' | 'id' | 'slaAvailabilityPct' | 'slaP95Ms'>, now: Date) {
  if (!a.inForceFrom) return null
  const first = todayInChile(a.inForceFrom)
  let last = todayInChile(now)
  if (a.endsOn && a.endsOn < last) last = a.endsOn
  // A termination takes effect on its date: the day before is the last in force.
  if (a.terminatesOn && new Date(a.terminatesOn.getTime() - DAY_MS) < last) {
    last = new Date(a.terminatesOn.getTime() - DAY_MS)
  }
  return last < first ? null : { first, last }
}

function judge(c: BucketCounts, targets: ServiceLevelTargets, complete: boolean) {
  const served = c.ok + c.serverErrors + c.timeouts
  const availabilityPct = served ? (100 * c.ok) / served : null
  const p95Ms = percentileMs(c.latency, 0.95)
  const breaches: MonthServiceLevel['breaches'] = []
  if (
    complete &&
    availabilityPct !== null &&
    targets.availabilityPct !== null &&
    availabilityPct < targets.availabilityPct
  ) {
    breaches.push('availability')
  }
  if (complete && p95Ms !== null && targets.p95Ms !== null && p95Ms > targets.p95Ms) breaches.push('latency')
  return {
    exchanges: c.total,
    availabilityPct,
    errorRatePct: c.total ? (100 * (c.total - c.ok)) / c.total : null,
    p50Ms: percentileMs(c.latency, 0.5),
    p95Ms,
    p99Ms: percentileMs(c.latency, 0.99),
    breaches,
  }
}

/**
 * The agreement's months in force, newest first (at most `maxMonths`), measured from the rollup; with
 * `until`, only the days up to that Chilean date.
 */
export async function measureAgreement(
  a: AgreementFacts,
  now: Date,
  { maxMonths = 24, until }: { maxMonths?: number; until?: Date } = {},
): Promise<MonthServiceLevel[]> {
  const inForce = daysInForce(a, now)
  if (!inForce) return []
  const span = until && until < inForce.last ? { first: inForce.first, last: until } : inForce
  if (span.last < span.first) return []
  const today = todayInChile(now)
  const months: { month: string; from: Date; to: Date }[] = []
  let cursor = new Date(Date.UTC(span.last.getUTCFullYear(), span.last.getUTCMonth(), 1))
  while (
    cursor >= new Date(Date.UTC(span.first.getUTCFullYear(), span.first.getUTCMonth(), 1)) &&
    months.length < maxMonths
  ) {
    const monthEnd = new Date(Date.UTC(cursor.getUTCFullYear(), cursor.getUTCMonth() + 1, 0))
    months.push({
      month: iso(cursor).slice(0, 7),
      from: cursor < span.first ? span.first : cursor,
      to: monthEnd > span.last ? span.last : monthEnd,
    })
    cursor = new Date(Date.UTC(cursor.getUTCFullYear(), cursor.getUTCMonth() - 1, 1))
  }
  const oldest = months[months.length - 1]!
  const [{ rows }, { rows: notices }] = await Promise.all([
    dbPool().query<StatRow & { month: string }>(
      `SELECT to_char(day, 'YYYY-MM') AS month, latency_bucket AS bucket, sum(total)::int AS total, sum(ok)::int AS ok,
              sum(client_errors)::int AS client_errors, sum(server_errors)::int AS server_errors,
              sum(timeouts)::int AS timeouts
       FROM traces.daily_stat
       WHERE provider_id = $1 AND consumer_id = $2 AND service_code = $3 AND environment = 'PRODUCTION'
         AND reported_by = 'PROVIDER' AND day BETWEEN $4::date AND $5::date
       GROUP BY 1, 2`,
      [a.case.providerId, a.case.consumerId, a.case.service.code, iso(oldest.from), iso(span.last)],
    ),
    dbPool().query<{ month: string; notified_at: Date }>(
      `SELECT to_char(month, 'YYYY-MM') AS month, notified_at FROM traces.sla_breach WHERE agreement_id = $1`,
      [a.id],
    ),
  ])
  const counts = new Map<string, BucketCounts>()
  for (const r of rows) counts.set(r.month, addRow(counts.get(r.month) ?? emptyCounts(), r))
  const notified = new Map(notices.map((n) => [n.month, n.notified_at]))
  const targets = { availabilityPct: a.slaAvailabilityPct, p95Ms: a.slaP95Ms }
  return months.map((m) => ({
    month: m.month,
    from: iso(m.from),
    to: iso(m.to),
    complete: m.to < today,
    ...judge(counts.get(m.month) ?? emptyCounts(), targets, m.to < today),
    notifiedAt: notified.get(m.month) ?? null,
  }))
}

export type AgreementServiceLevels = { targets: ServiceLevelTargets; months: MonthServiceLevel[] }

/**
 * The measured service levels of an agreement the viewer may see (either party; DGD and auditors all),
 * or null. An agreement never in force has no months.
 */
export async function agreementServiceLevels(
  viewer: Viewer,
  agreementId: string,
  now = new Date(),
): Promise<AgreementServiceLevels | null> {
  const a = await db.agreement.findFirst({
    where: { AND: [{ id: agreementId }, { case: caseScope(viewer) }] },
    select: agreementFactsSelect,
  })
  if (!a) return null
  return {
    targets: { availabilityPct: a.slaAvailabilityPct, p95Ms: a.slaP95Ms },
    months: await measureAgreement(a, now),
  }
}

const t = createTranslator({ locale, messages, namespace: 'agreements.serviceLevelsMeasured' })
const pct = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 })
const monthFormat = new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' })

/**
 * The service-level job (daily; idempotent): brings the rollup up to date, then judges last month
 * (Chile) for every agreement in force during it. A month in breach is recorded in traces.sla_breach
 * and both parties (CTD and business administrators of each) are told, once: the row's primary key
 * makes a second run, or a racing replica, insert nothing and tell no one. Last month is judged again
 * each day, so records reported late still count; a breach already told is not told again.
 */
export async function runServiceLevelJob(now: Date): Promise<{ judged: number; breaches: number }> {
  await refreshDailyStats()
  const today = todayInChile(now)
  const monthStart = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 1, 1))
  const monthEnd = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), 0))
  const month = iso(monthStart).slice(0, 7)
  const monthLabel = monthFormat.format(monthStart)
  const agreements = await db.agreement.findMany({
    where: {
      inForceFrom: { not: null, lt: new Date(monthEnd.getTime() + 2 * DAY_MS) },
      status: { in: ['IN_FORCE', 'EXPIRED', 'TERMINATED'] },
      OR: [{ endsOn: null }, { endsOn: { gte: monthStart } }],
      AND: [{ OR: [{ terminatesOn: null }, { terminatesOn: { gt: monthStart } }] }],
    },
    select: {
      ...agreementFactsSelect,
      case: {
        select: {
          id: true,
          number: true,
          consumerId: true,
          providerId: true,
          service: { select: { code: true, name: true } },
        },
      },
    },
  })
  let judged = 0
  let breaches = 0
  for (const a of agreements) {
    const [measured] = await measureAgreement(a, now, { maxMonths: 1, until: monthEnd })
    if (!measured || measured.month !== month) continue
    judged++
    if (measured.breaches.length === 0 || measured.notifiedAt) continue
    const told = await db.$transaction(async (tx) => {
      const inserted = await tx.$executeRaw`
        INSERT INTO traces.sla_breach (agreement_id, month, measured, notified_at)
        VALUES (${a.id}, ${iso(monthStart)}::date, ${JSON.stringify(measured)}::jsonb, ${now})
        ON CONFLICT (agreement_id, month) DO NOTHING`
      if (inserted === 0) return false
      const missed = measured.breaches
        .map((b) =>
          b === 'availability'
            ? t('notify.availability', {
                measured: pct.format(measured.availabilityPct ?? 0),
                target: pct.format(a.slaAvailabilityPct ?? 0),
              })
            : t('notify.latency', { measured: measured.p95Ms ?? 0, target: a.slaP95Ms ?? 0 }),
        )
        .join(' ')
      await notifyCaseParties(tx, a.case, {
        kind: 'agreement.slaBreach',
        title: t('notify.title', { number: a.case.number, month: monthLabel }),
        body: t('notify.body', { number: a.case.number, service: a.case.service.name, month: monthLabel, missed }),
        link: `/agreements/${a.id}`,
        caseId: a.case.id,
      })
      return true
    })
    if (told) breaches++
  }
  return { judged, breaches }
}
