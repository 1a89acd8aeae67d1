/**
 * npm run bench:trace-figures — the charts' and service levels' read path at a few million records
 * (docs/decisions/025-trace-charts-and-service-levels.md). On BENCH_DATABASE_URL (re-created):
 *  1. generates BENCH_FIGURE_RECORDS records (default 3,000,000) over the last 30 days, 40 institutions;
 *  2. times the rollup's refresh of those 30 days (lib/traces/stats.ts refreshDailyStats);
 *  3. times the charts' query on the rollup (network, one institution) against the same figures
 *     computed straight from the records (count, error rate, percentile_disc p50/p95 per day).
 */
import { recreateEmptyDatabase } from './portal'

const records = Number(process.env.BENCH_FIGURE_RECORDS ?? 3_000_000)

await recreateEmptyDatabase()

const { refreshDailyStats } = await import('@/lib/traces/stats')
const { figureRows } = await import('@/lib/traces/figures')
const { dbPool } = await import('@/lib/db/client')
const pool = dbPool()

const seconds = (started: number) => (performance.now() - started) / 1000

console.error(`Generating ${records.toLocaleString('en')} records over 30 days…`)
let started = performance.now()
const CHUNK = 500_000
for (let from = 1; from <= records; from += CHUNK) {
  const to = Math.min(records, from + CHUNK - 1)
  // Half reported by the provider, half by the consumer; 7 providers, 40 consumers; 70 % OK.
  await pool.query(
    `INSERT INTO traces.record (id, time, trace_id, reporter_node_id, reporter_institution_id, environment,
       consumer_id, provider_id, service_code, operation, procedure, result, latency_ms, message_sha256,
       grant_in_force, received_at)
     SELECT g, now() - random() * interval '29 days', md5(g::text), 'node',
            CASE WHEN g % 2 = 0 THEN 'prov' || (g % 7) ELSE 'cons' || (g % 40) END, 'PRODUCTION',
            'cons' || (g % 40), 'prov' || (g % 7), 'SVC-' || (g % 7), 'consultar', 'CPAT-1',
            (ARRAY['OK','OK','OK','OK','OK','OK','OK','CLIENT_ERROR','SERVER_ERROR','TIMEOUT'])[1 + (g / 7) % 10],
            (20 + random() * 300 * CASE WHEN random() < 0.05 THEN 20 ELSE 1 END)::int, '\\x00', true, now()
     FROM generate_series($1::bigint, $2::bigint) g`,
    [from, to],
  )
}
console.error(`  ${seconds(started).toFixed(1)} s`)
await pool.query('VACUUM ANALYZE traces.record')

const { rows: dayRows } = await pool.query<{ day: string }>(
  `SELECT to_char(d, 'YYYY-MM-DD') AS day
   FROM generate_series((now() AT TIME ZONE 'America/Santiago')::date - 30, (now() AT TIME ZONE 'America/Santiago')::date, '1 day') d`,
)
started = performance.now()
await refreshDailyStats(dayRows.map((r) => r.day))
const refresh = seconds(started)
const { rows: rollup } = await pool.query<{ n: string }>('SELECT count(*)::text AS n FROM traces.daily_stat')
await pool.query('ANALYZE traces.daily_stat')

async function p95(run: () => Promise<unknown>, runs = 30): Promise<number> {
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const t = performance.now()
    await run()
    times.push(performance.now() - t)
  }
  times.sort((a, b) => a - b)
  return times[Math.ceil(0.95 * runs) - 1]!
}

const to = dayRows[dayRows.length - 1]!.day
const from = dayRows[1]!.day
const network = await p95(() => figureRows({ kind: 'all' }, from, to))
const institution = await p95(() => figureRows({ kind: 'institution', institutionId: 'prov3' }, from, to))

const raw = (party: string) => `
  SELECT (time AT TIME ZONE 'America/Santiago')::date AS day, count(*), count(*) FILTER (WHERE result <> 'OK'),
         percentile_disc(0.5) WITHIN GROUP (ORDER BY latency_ms), percentile_disc(0.95) WITHIN GROUP (ORDER BY latency_ms)
  FROM traces.record
  WHERE time >= ($1::date)::timestamp AT TIME ZONE 'America/Santiago' AND environment = 'PRODUCTION'
    AND reporter_institution_id = provider_id ${party}
  GROUP BY 1`
const rawNetwork = await p95(() => pool.query(raw(''), [from]), 3)
const rawInstitution = await p95(
  () => pool.query(raw(`AND (consumer_id = 'prov3' OR provider_id = 'prov3')`), [from]),
  3,
)

console.log(`
Trace figures at ${records.toLocaleString('en')} records (30 days), ${Number(rollup[0]!.n).toLocaleString('en')} rollup rows
  rollup refresh of 31 days:                 ${refresh.toFixed(1)} s (${((refresh / 31) * 1000).toFixed(0)} ms a day)
  charts from the rollup, p95 of 30 runs:    network ${network.toFixed(1)} ms, one institution ${institution.toFixed(1)} ms
  same figures from the records, p95 of 3:   network ${rawNetwork.toFixed(0)} ms, one institution ${rawInstitution.toFixed(0)} ms
`)
await pool.end()
