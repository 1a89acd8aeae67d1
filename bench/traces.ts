/**
 * `npm run bench:traces`: the trace registry's ingest and search speed (issue 11). A script, not a
 * test: it prints figures and never fails on them. Run `npx next build` first.
 *
 * It recreates the bench's PostgreSQL database (bench/portal.ts: BENCH_DATABASE_URL, BENCH_PORT,
 * BENCH_CPU_PROF=dir to profile the server), migrates it, creates institutions, a service, grants and one node with a credential per client, then:
 *  (a) COPYs BENCH_COPY_RECORDS rows straight into traces.record (same table, same indexes): the
 *      physical limit of this machine;
 *  (b) serves the build with `next start` and posts BENCH_API_RECORDS records in batches of
 *      BENCH_BATCH through POST /api/v1/node/traces from BENCH_CLIENTS concurrent clients —
 *      authentication, validation, grant check, HMAC, Merkle root and chaining included; prints both
 *      rates and their ratio;
 *  (c) COPYs up to BENCH_SEARCH_RECORDS rows in all and times the search page's query
 *      (lib/traces/search-sql.ts): p95 of the first page and of a page deep in the results (keyset).
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto'
import { loadavg } from 'node:os'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import { base, databaseUrl, recreateEmptyDatabase, startPortal } from './portal'

const clients = Number(process.env.BENCH_CLIENTS ?? 6)
const batchSize = Number(process.env.BENCH_BATCH ?? 5000)
const copyRecords = Number(process.env.BENCH_COPY_RECORDS ?? 300_000)
const apiRecords = Number(process.env.BENCH_API_RECORDS ?? 300_000)
const searchRecords = Number(process.env.BENCH_SEARCH_RECORDS ?? 3_000_000)
const DAY = 86_400_000
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')

const { createPrismaClient } = await import('@/lib/db/client')
const factories = await import('@/prisma/factories')
const { traceSearchSql } = await import('@/lib/traces/search-sql')

console.error(`Preparing the database… (load average ${load()})`)
await recreateEmptyDatabase()
const db = createPrismaClient(databaseUrl)
const dgd = await factories.createCentralPerson(db, 'DGD_HEAD')
const institutions = await Promise.all(Array.from({ length: 40 }, () => factories.createInstitution(db)))
const provider = institutions[0]!
const services = await Promise.all(
  Array.from({ length: 8 }, (_, i) =>
    factories.createService(db, institutions[i % 4]!.id, { requiresAgreement: false }),
  ),
)
const consumers = institutions.slice(4)
// One node and credential per client, each of a consumer with a grant to the first service.
const nodes = await Promise.all(
  Array.from({ length: clients }, async (_, i) => {
    const consumer = consumers[i % consumers.length]!
    const node = await factories.createNode(db, consumer.id, 'PRODUCTION', { name: `bench-${i}` })
    const { token } = await factories.createNodeCredential(db, node, dgd.id)
    const kase = await db.connectionCase.create({
      data: {
        consumerId: consumer.id,
        providerId: provider.id,
        serviceId: services[0]!.id,
        requesterRole: 'CONSUMER',
        needs: 'bench',
        requestedById: dgd.id,
        status: 'CONNECTED',
      },
    })
    await db.accessGrant.create({
      data: {
        caseId: kase.id,
        nodeId: node.id,
        serviceId: services[0]!.id,
        environment: 'PRODUCTION',
        grantedById: dgd.id,
        grantedAt: new Date(Date.now() - 400 * DAY),
      },
    })
    return { consumer, token }
  }),
)
await db.$disconnect()

const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 })
const results = ['OK', 'OK', 'OK', 'OK', 'OK', 'OK', 'OK', 'CLIENT_ERROR', 'SERVER_ERROR', 'TIMEOUT']

/** COPY text-format lines for `n` records from batch ids reserved in the sequence, spread over `days`. */
async function* copyLines(n: number, days: number): AsyncGenerator<string> {
  const { rows } = await pool.query<{ id: string }>(
    `SELECT nextval('traces.batch_id_seq')::text AS id FROM generate_series(1, $1)`,
    [Math.ceil(n / 5000)],
  )
  const now = Date.now()
  let chunk: string[] = []
  for (let i = 0; i < n; i++) {
    const batch = BigInt(rows[Math.floor(i / 5000)]!.id)
    const id = batch * 10_000n + BigInt(i % 5000)
    // Skewed towards a few busy institutions, as on the real network.
    const consumer = consumers[Math.floor(Math.random() ** 2 * consumers.length)]!
    const service = services[i % services.length]!
    const time = new Date(now - Math.random() * days * DAY).toISOString()
    const sha = randomBytes(32).toString('hex')
    const subject = i % 3 === 0 ? `\\\\x${randomBytes(32).toString('hex')}` : '\\N'
    chunk.push(
      `${id}\t${time}\t${randomUUID()}\tbench-node\t${consumer.id}\tPRODUCTION\t${consumer.id}\t${service.providerId}\t${service.code}\tconsultar\tCPAT-${i % 50}\t${i % 4 === 0 ? `EXP-${i}` : '\\N'}\t${results[i % results.length]}\t${20 + (i % 400)}\t\\\\x${sha}\t\\N\t${subject}\tt\t${new Date(now).toISOString()}\n`,
    )
    if (chunk.length === 2000) {
      yield chunk.join('')
      chunk = []
    }
  }
  if (chunk.length > 0) yield chunk.join('')
}

async function copy(n: number, days: number): Promise<number> {
  await pool.query(`SELECT traces.ensure_partitions((now() - make_interval(days => $1))::date, 2)`, [days + 1])
  const client = await pool.connect()
  try {
    const started = performance.now()
    const stream = client.query(
      copyFrom(`COPY traces.record (id, time, trace_id, reporter_node_id, reporter_institution_id, environment,
        consumer_id, provider_id, service_code, operation, procedure, case_file_id, result, latency_ms, message_sha256,
        consent_id, subject_hmac, grant_in_force, received_at) FROM STDIN`),
    )
    await pipeline(Readable.from(copyLines(n, days)), stream)
    return n / ((performance.now() - started) / 1000)
  } finally {
    client.release()
  }
}

// (a)
console.error(`(a) COPY of ${copyRecords} records…`)
const copyRate = await copy(copyRecords, 20)
const copyLoad = load()
console.error(`    ${copyRate.toFixed(0)} records/s (load average ${copyLoad})`)

// (b)
function batchBody(consumerId: string): string {
  const now = Date.now()
  const records = Array.from({ length: batchSize }, (_, i) => ({
    traceId: randomUUID(),
    time: new Date(now - Math.random() * 20 * DAY).toISOString(),
    consumerInstitutionId: consumerId,
    providerInstitutionId: provider.id,
    serviceCode: services[0]!.code,
    operation: 'consultarPersona',
    procedure: `CPAT-${i % 50}`,
    caseFileId: i % 4 === 0 ? `EXP-${i}` : null,
    result: results[i % results.length],
    latencyMs: 20 + (i % 400),
    messageSha256: createHash('sha256').update(String(i)).update(randomUUID()).digest('hex'),
    subjectRun: i % 3 === 0 ? '12.345.678-5' : null,
  }))
  return JSON.stringify({ records })
}
const batchesPerClient = Math.ceil(apiRecords / batchSize / clients)
console.error(`(b) preparing ${batchesPerClient * clients} batches of ${batchSize}…`)
const bodies = nodes.map((n) => Array.from({ length: batchesPerClient }, () => batchBody(n.consumer.id)))

// The server's pool: one connection per client and two spare; a fixed key for the RUN's HMAC.
process.env.DATABASE_POOL_MAX = String(clients + 2)
process.env.TRACE_RUN_KEY = randomBytes(32).toString('base64url')

/** Posts a batch; a dropped connection is answered by sending the same batch again (idempotent). */
async function post(token: string, body: string, attempt = 1): Promise<{ stored: number }> {
  try {
    return await postOnce(token, body)
  } catch (error) {
    if (attempt >= 5 || !(error instanceof TypeError)) throw error
    console.error(`    connection dropped (${String((error as Error).cause ?? error)}); re-sending the batch`)
    return post(token, body, attempt + 1)
  }
}

async function postOnce(token: string, body: string) {
  const response = await fetch(`${base}/api/v1/node/traces`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body,
  })
  const text = await response.text()
  if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${text.slice(0, 300)}`)
  return JSON.parse(text) as { stored: number }
}

let apiRate = 0
let apiLoad = ''
// The per-node rate limit counts the bench's batches but never refuses them.
const server = await startPortal({ NODE_API_RATE_LIMIT: '1000000000' })
try {
  // Warm-up: the route's first call compiles nothing but loads its modules.
  await post(nodes[0]!.token, batchBody(nodes[0]!.consumer.id).replace(/"records":\[.*\]/s, '"records":[]')).catch(
    () => {},
  )
  console.error(`(b) ${clients} clients posting ${batchesPerClient} batches each…`)
  const started = performance.now()
  const stored = await Promise.all(
    nodes.map(async (n, c) => {
      let sum = 0
      for (const body of bodies[c]!) sum += (await post(n.token, body)).stored
      return sum
    }),
  )
  const total = stored.reduce((a, b) => a + b, 0)
  apiRate = total / ((performance.now() - started) / 1000)
  apiLoad = load()
  console.error(`    ${total} records stored, ${apiRate.toFixed(0)} records/s`)
} finally {
  await server.stop()
}

// (c)
const { rows: counted } = await pool.query<{ n: string }>('SELECT count(*)::text AS n FROM traces.record')
const missing = searchRecords - Number(counted[0]!.n)
if (missing > 0) {
  console.error(`(c) loading ${missing} more records (COPY)…`)
  for (let left = missing; left > 0; left -= 1_000_000) await copy(Math.min(left, 1_000_000), 90)
}
await pool.query('VACUUM ANALYZE traces.record')
const { rows: total } = await pool.query<{ n: string }>('SELECT count(*)::text AS n FROM traces.record')

/** p95 of `runs` executions, or of as many as fit `budgetMs` (at least 10): a slow plan is reported, not waited on. */
async function p95(sql: string, params: unknown[], runs = 60, budgetMs = 15_000): Promise<number> {
  const times: number[] = []
  const began = performance.now()
  for (let i = 0; i < runs; i++) {
    const started = performance.now()
    await pool.query(sql, params)
    times.push(performance.now() - started)
    if (i >= 9 && performance.now() - began > budgetMs) break
  }
  times.sort((a, b) => a - b)
  return times[Math.max(0, Math.ceil(times.length * 0.95) - 1)]!
}

/** The keyset cursor `depth` rows into a search's results (found once, untimed). */
async function cursorAt(
  scope: Parameters<typeof traceSearchSql>[0],
  search: Parameters<typeof traceSearchSql>[1],
  depth: number,
) {
  const { sql, params } = traceSearchSql(scope, search, { columns: 'time, id', limit: null })
  const { rows } = await pool.query<{ time: Date; id: string }>(`${sql} OFFSET ${depth} LIMIT 1`, params)
  return rows[0] ? { time: rows[0].time, id: rows[0].id } : undefined
}

const busy = consumers[0]!.id
const searches = [
  { key: 'auditor (all records)', scope: { kind: 'all' as const }, search: {} },
  { key: 'institution (party to)', scope: { kind: 'institution' as const, institutionId: busy }, search: {} },
  {
    key: 'institution + service + result',
    scope: { kind: 'institution' as const, institutionId: busy },
    search: { service: services[1]!.code, result: 'SERVER_ERROR' as const },
  },
]
const depth = Number(process.env.BENCH_DEEP_ROWS ?? 100_000)
const lines: string[] = []
for (const s of searches) {
  const first = traceSearchSql(s.scope, s.search, { limit: 51 })
  const rowsDeep = s.key.includes('+') ? 1_000 : depth
  const after = await cursorAt(s.scope, s.search, rowsDeep)
  console.error(
    `(c) ${s.key}: cursor ${rowsDeep} rows deep ${after ? `${after.time.toISOString()}_${after.id}` : 'not found'}`,
  )
  const deep = traceSearchSql(s.scope, { ...s.search, after }, { limit: 51 })
  const [a, b] = [await p95(first.sql, first.params), await p95(deep.sql, deep.params)]
  console.error(`    first page p95 ${a.toFixed(2)} ms, deep p95 ${b.toFixed(2)} ms`)
  lines.push(
    `  ${s.key.padEnd(32)} first page p95 ${a.toFixed(2)} ms   ${after ? `${rowsDeep.toLocaleString('en')} rows deep` : '(no deep page)'} p95 ${b.toFixed(2)} ms   (${(b / a).toFixed(2)}×)`,
  )
}
await pool.end()

console.log(`
Trace registry benchmark (${new Date().toISOString()}, ${clients} clients, batches of ${batchSize})
  (a) raw COPY into traces.record (7 indexes):   ${copyRate.toFixed(0)} records/s   (load average ${copyLoad})
  (b) POST /api/v1/node/traces (next start):     ${apiRate.toFixed(0)} records/s   (load average ${apiLoad})
      ratio (b)/(a):                             ${((apiRate / copyRate) * 100).toFixed(0)} %   (goal ≥ 50 %, and (b) ≥ 20,000/s)
  (c) search query with N = ${Number(total[0]!.n).toLocaleString('en')} records loaded (load average ${load()}):
${lines.join('\n')}`)
process.exit(0)
