import 'server-only'
import { db } from '@/lib/db/client'
import { timeZone } from '@/lib/i18n/config'

/**
 * The registry's daily rollup (traces.daily_stat, docs/decisions/025-trace-charts-and-service-levels.md):
 * exchanges counted per Chilean day, pair of institutions, service, environment, reporting side and
 * latency bucket. The charts and the agreements' service levels read it instead of the records.
 */

/**
 * Upper bounds (exclusive) of the latency buckets, in ms: bucket 0 is below the first, bucket i is
 * [bounds[i-1], bounds[i]), the last bucket is from the last bound up. Common service-level targets
 * (100, 200, 300, 500 ms, 1, 2, 3, 5 s) are bounds, so a p95 compared with them is exact.
 */
export const LATENCY_BOUNDS_MS = [
  10, 25, 50, 75, 100, 150, 200, 250, 300, 400, 500, 750, 1000, 1500, 2000, 3000, 5000, 10000, 30000,
] as const
/** Where the last, open bucket is taken to end when a percentile falls in it. */
const LAST_BUCKET_END_MS = 60000

/** A day's (or a month's) exchanges by result and latency bucket, summed over whatever rows were picked. */
export type BucketCounts = {
  total: number
  ok: number
  clientErrors: number
  serverErrors: number
  timeouts: number
  /** Exchanges per latency bucket (index = bucket). */
  latency: number[]
}

export const emptyCounts = (): BucketCounts => ({
  total: 0,
  ok: 0,
  clientErrors: 0,
  serverErrors: 0,
  timeouts: 0,
  latency: new Array<number>(LATENCY_BOUNDS_MS.length + 1).fill(0),
})

export type StatRow = {
  bucket: number
  total: number
  ok: number
  client_errors: number
  server_errors: number
  timeouts: number
}

export function addRow(into: BucketCounts, r: StatRow): BucketCounts {
  into.total += Number(r.total)
  into.ok += Number(r.ok)
  into.clientErrors += Number(r.client_errors)
  into.serverErrors += Number(r.server_errors)
  into.timeouts += Number(r.timeouts)
  into.latency[r.bucket] = (into.latency[r.bucket] ?? 0) + Number(r.total)
  return into
}

/**
 * The `p`-th percentile (0 < p < 1) of the latencies counted in `histogram`, in whole ms: the bucket
 * holding the rank ⌈p·n⌉, interpolated linearly inside it. Null with no exchanges.
 */
export function percentileMs(histogram: readonly number[], p: number): number | null {
  const n = histogram.reduce((a, b) => a + b, 0)
  if (n === 0) return null
  const rank = Math.max(1, Math.ceil(p * n))
  let seen = 0
  for (let b = 0; b < histogram.length; b++) {
    const inBucket = histogram[b] ?? 0
    if (inBucket === 0 || seen + inBucket < rank) {
      seen += inBucket
      continue
    }
    const lower = b === 0 ? 0 : LATENCY_BOUNDS_MS[b - 1]!
    const upper = b < LATENCY_BOUNDS_MS.length ? LATENCY_BOUNDS_MS[b]! : LAST_BUCKET_END_MS
    return Math.round(lower + ((upper - lower) * (rank - seen)) / inBucket)
  }
  return null
}

/**
 * Recomputes whole days of the rollup in one transaction: `days` given, or else every Chilean day
 * holding a record of a batch chained since the last refresh (late records included: a batch
 * reporting exchanges of last month recomputes last month's days). Idempotent; the job's first step.
 */
export async function refreshDailyStats(days?: string[]): Promise<{ days: number; chainSeq: number }> {
  return db.$transaction(
    async (tx) => {
      const [state] = await tx.$queryRaw<{ chain_seq: string }[]>`
        SELECT chain_seq::text AS chain_seq FROM traces.daily_stat_state WHERE id = 1 FOR UPDATE`
      const since = BigInt(state!.chain_seq)
      let toDo = days
      let upTo = since
      if (!toDo) {
        // One statement: the batches it sees and the days of their records come from the same snapshot.
        // A batch takes its chain_seq under the chain head's lock held to its commit, so none below the
        // highest seen can commit later.
        const rows = await tx.$queryRaw<{ day: string | null; seq: string | null }[]>`
          WITH fresh AS (SELECT id, chain_seq FROM traces.batch WHERE chain_seq > ${since})
          SELECT to_char((r.time AT TIME ZONE ${timeZone})::date, 'YYYY-MM-DD') AS day, NULL AS seq
          FROM fresh b JOIN traces.record r ON r.id BETWEEN b.id * 10000 AND b.id * 10000 + 9999
          GROUP BY 1
          UNION ALL
          SELECT NULL, max(chain_seq)::text FROM fresh`
        toDo = rows.flatMap((r) => (r.day ? [r.day] : []))
        const seq = rows.find((r) => r.day === null)?.seq
        if (seq) upTo = BigInt(seq)
      }
      for (const day of toDo) {
        await tx.$executeRaw`DELETE FROM traces.daily_stat WHERE day = ${day}::date`
        await tx.$executeRaw`
          INSERT INTO traces.daily_stat
          SELECT ${day}::date, consumer_id, provider_id, service_code, environment,
                 CASE WHEN reporter_institution_id = provider_id THEN 'PROVIDER' ELSE 'CONSUMER' END,
                 width_bucket(latency_ms, ${[...LATENCY_BOUNDS_MS]}::int[]),
                 count(*), count(*) FILTER (WHERE result = 'OK'), count(*) FILTER (WHERE result = 'CLIENT_ERROR'),
                 count(*) FILTER (WHERE result = 'SERVER_ERROR'), count(*) FILTER (WHERE result = 'TIMEOUT')
          FROM traces.record
          WHERE time >= (${day}::date)::timestamp AT TIME ZONE ${timeZone}
            AND time < (${day}::date + 1)::timestamp AT TIME ZONE ${timeZone}
          GROUP BY 2, 3, 4, 5, 6, 7`
        await tx.$executeRaw`DELETE FROM traces.daily_network_stat WHERE day = ${day}::date`
        await tx.$executeRaw`
          INSERT INTO traces.daily_network_stat
          SELECT day, latency_bucket, sum(total), sum(ok), sum(client_errors), sum(server_errors), sum(timeouts)
          FROM traces.daily_stat
          WHERE day = ${day}::date AND environment = 'PRODUCTION' AND reported_by = 'PROVIDER'
          GROUP BY day, latency_bucket`
      }
      await tx.$executeRaw`
        UPDATE traces.daily_stat_state SET chain_seq = ${upTo}, refreshed_at = now() WHERE id = 1`
      return { days: toDo.length, chainSeq: Number(upTo) }
    },
    { timeout: 15 * 60_000, maxWait: 60_000 },
  )
}

/** The trace-stats job: the rollup brought up to the batches chained so far. */
export async function runTraceStatsJob(): Promise<{ days: number }> {
  const { days } = await refreshDailyStats()
  return { days }
}
