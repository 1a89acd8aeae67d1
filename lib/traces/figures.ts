import 'server-only'
import type { Principal } from '@/lib/auth/roles'
import { institutionsWhere } from '@/lib/auth/roles'
import { db, dbPool } from '@/lib/db/client'
import { timeZone } from '@/lib/i18n/config'
import { traceScopeFor } from './queries'
import type { TraceScope } from './search-sql'
import { addRow, emptyCounts, percentileMs, type StatRow } from './stats'

/** Days the charts show, ending today (Chile). */
export const FIGURE_DAYS = 30

export type DailyFigure = {
  /** YYYY-MM-DD, a Chilean day. */
  day: string
  exchanges: number
  errors: number
  /** Share of the day's exchanges that did not succeed, percent; null with none. */
  errorRatePct: number | null
  p50Ms: number | null
  p95Ms: number | null
}

export type Figures = { scope: TraceScope; from: string; to: string; days: DailyFigure[] }

function isoDay(d: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d)
}

/** The rollup's rows for the charts: per day and latency bucket, summed over the scope's pairs and services. */
export async function figureRows(scope: TraceScope, from: string, to: string) {
  const sums = `to_char(day, 'YYYY-MM-DD') AS day, latency_bucket AS bucket, sum(total)::int AS total, sum(ok)::int AS ok,
    sum(client_errors)::int AS client_errors, sum(server_errors)::int AS server_errors, sum(timeouts)::int AS timeouts`
  const { rows } =
    scope.kind === 'all'
      ? await dbPool().query<StatRow & { day: string }>(
          `SELECT ${sums} FROM traces.daily_network_stat WHERE day BETWEEN $1::date AND $2::date GROUP BY day, latency_bucket`,
          [from, to],
        )
      : await dbPool().query<StatRow & { day: string }>(
          `SELECT ${sums} FROM traces.daily_stat
           WHERE day BETWEEN $1::date AND $2::date AND environment = 'PRODUCTION' AND reported_by = 'PROVIDER'
             AND (consumer_id = $3 OR provider_id = $3)
           GROUP BY day, latency_bucket`,
          [from, to, scope.institutionId],
        )
  return rows
}

/**
 * The daily figures of the production network, or of one institution's exchanges (those it is party to,
 * as consumer or provider), for the last `FIGURE_DAYS` Chilean days. Each exchange counts once, as its
 * provider reported it: the same source as the agreements' service levels. Scoped like the search:
 * auditors and DGD the network (or any institution they pick); members only an institution of theirs.
 */
export async function dailyFigures(viewer: Principal, requested?: string, now = new Date()): Promise<Figures | null> {
  const scope = traceScopeFor(viewer, requested)
  if (!scope) return null
  const viewed: TraceScope =
    scope.kind === 'all' && requested && /^[a-z0-9]{1,40}$/i.test(requested)
      ? { kind: 'institution', institutionId: requested }
      : scope
  // Calendar days counted back from today's Chilean date (never 24-hour steps: summer time).
  const to = isoDay(now)
  const calendar = Array.from({ length: FIGURE_DAYS }, (_, i) =>
    new Date(Date.parse(`${to}T00:00:00Z`) - (FIGURE_DAYS - 1 - i) * 86_400_000).toISOString().slice(0, 10),
  )
  const from = calendar[0]!
  const rows = await figureRows(viewed, from, to)
  const byDay = new Map<string, ReturnType<typeof emptyCounts>>()
  for (const r of rows) byDay.set(r.day, addRow(byDay.get(r.day) ?? emptyCounts(), r))
  const days = calendar.map((day): DailyFigure => {
    const c = byDay.get(day) ?? emptyCounts()
    const errors = c.total - c.ok
    return {
      day,
      exchanges: c.total,
      errors,
      errorRatePct: c.total ? (100 * errors) / c.total : null,
      p50Ms: percentileMs(c.latency, 0.5),
      p95Ms: percentileMs(c.latency, 0.95),
    }
  })
  return { scope: viewed, from, to, days }
}

/**
 * The institutions whose figures the viewer may pick: every one for auditors and DGD (the network is
 * the default), the viewer's own when they belong to more than one; none otherwise.
 */
export async function figureChoices(
  viewer: Principal,
): Promise<{ network: boolean; institutions: { id: string; name: string }[] }> {
  const where = institutionsWhere(viewer, 'traces.read')
  if (where !== 'all' && where.length < 2) return { network: false, institutions: [] }
  const rows = await db.institution.findMany({
    where: where === 'all' ? {} : { id: { in: [...where] } },
    orderBy: { name: 'asc' },
    select: { id: true, name: true },
  })
  return { network: where === 'all', institutions: rows }
}
