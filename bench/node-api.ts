/**
 * `npm run bench:node-api`: how many authenticated node API calls the built portal serves per second,
 * beside the unauthenticated /api/health in the same run, and their ratio. A script, not a test: it
 * prints figures.
 *
 * It builds nothing (run `npx next build` first). Through bench/portal.ts it recreates a PostgreSQL
 * database (BENCH_DATABASE_URL), migrates and seeds it with the demo data, and serves the build with
 * `next start` (BENCH_PORT); here it gives BENCH_NODES development nodes a credential and a grant
 * each, and loads with autocannon, the calls spread round-robin over the nodes:
 *   - health:               GET /api/health (one SELECT 1; the reference)
 *   - configuration:        GET /api/v1/node/configuration, answered with its signed JWT (200)
 *   - configuration (304):  the same with If-None-Match of the version the node holds
 *   - heartbeat:            POST /api/v1/node/heartbeat
 * Each authenticated call = credential lookup + rate-limit upsert + the call's own queries. The rate
 * limit is raised for the run (NODE_API_RATE_LIMIT) so it counts but never refuses. Besides req/s it
 * prints the server's CPU time per request (from /proc): on a busy machine that is the figure to
 * compare, req/s depends on what else runs.
 *
 *   BENCH_CONNECTIONS=10  BENCH_SECONDS=5  BENCH_NODES=20
 */
import type { Db } from '@/lib/db/client'
import { generateCredential } from '@/lib/nodes/credentials'
import { base, loadAverage, recreateDatabase, run, startPortal, treeCpuMs, type Load } from './portal'

const connections = Number(process.env.BENCH_CONNECTIONS ?? 10)
const seconds = Number(process.env.BENCH_SECONDS ?? 5)
const nodeCount = Number(process.env.BENCH_NODES ?? 20)

/**
 * One development node per consumer institution of the seeded cases (and more on the busiest, up to
 * BENCH_NODES), each with a fresh credential and a development grant for its case's service, so
 * every configuration lists at least one service.
 */
async function benchNodes(db: Db): Promise<string[]> {
  const cases = await db.connectionCase.findMany({
    orderBy: { number: 'asc' },
    select: { id: true, consumerId: true, serviceId: true, requestedById: true },
  })
  if (cases.length === 0) throw new Error('the seed has no connection cases')
  const tokens: string[] = []
  for (let i = 0; i < nodeCount; i++) {
    const kase = cases[i % cases.length]!
    const node = await db.node.create({
      data: { institutionId: kase.consumerId, environment: 'DEVELOPMENT', name: `nodo-bench-${i + 1}` },
      select: { id: true },
    })
    const credential = generateCredential('DEVELOPMENT')
    await db.nodeCredential.create({
      data: {
        nodeId: node.id,
        keyId: credential.keyId,
        secretHash: credential.secretHash,
        issuedById: kase.requestedById,
        expiresAt: new Date(Date.now() + 30 * 24 * 60 * 60 * 1000),
      },
    })
    // A case has one development grant: the bench's nodes get grants of cases that have none yet.
    const taken = await db.accessGrant.findUnique({
      where: { caseId_environment: { caseId: kase.id, environment: 'DEVELOPMENT' } },
      select: { id: true },
    })
    if (!taken) {
      await db.accessGrant.create({
        data: {
          caseId: kase.id,
          nodeId: node.id,
          serviceId: kase.serviceId,
          environment: 'DEVELOPMENT',
          grantedById: kase.requestedById,
        },
      })
    }
    tokens.push(credential.token)
  }
  return tokens
}

const db = await recreateDatabase()
const tokens = await benchNodes(db)
await db.$disconnect()

const server = await startPortal({ NODE_API_RATE_LIMIT: '1000000000' })

try {
  // The version each node holds, for the conditional fetches (and a check that the API answers).
  const etags: string[] = []
  for (const token of tokens) {
    const response = await fetch(`${base}/api/v1/node/configuration`, { headers: { authorization: `Bearer ${token}` } })
    if (response.status !== 200) throw new Error(`configuration answered ${response.status}: ${await response.text()}`)
    etags.push(response.headers.get('etag')!)
  }
  const node = (i: number) => i % tokens.length
  const bearer = (i: number) => ({ authorization: `Bearer ${tokens[node(i)]}` })
  const loads: (Load & { key: string })[] = [
    { key: 'health (no auth)', path: '/api/health', expect: 200 },
    { key: 'configuration', path: '/api/v1/node/configuration', headers: bearer, expect: 200 },
    {
      key: 'configuration 304',
      path: '/api/v1/node/configuration',
      headers: (i) => ({ ...bearer(i), 'if-none-match': etags[node(i)]! }),
      expect: 304,
    },
    {
      key: 'heartbeat',
      path: '/api/v1/node/heartbeat',
      method: 'POST',
      headers: (i) => ({ ...bearer(i), 'content-type': 'application/json' }),
      body: JSON.stringify({
        version: '2.0.0',
        hostName: 'nodo-bench.example.gob.cl',
        uptimeSeconds: 3600,
        selfChecks: [{ name: 'reloj', status: 'OK' }],
      }),
      expect: 200,
    },
  ]
  const rows: { key: string; rps: number; p95: number; cpu: number; errors: number; wrong: number }[] = []
  for (const load of loads) {
    await run(load, { connections, seconds: Math.min(seconds, 2) }).catch(() => undefined) // warm-up
    const cpuBefore = treeCpuMs(server.pid)
    const result = await run(load, { connections, seconds })
    const cpu = (treeCpuMs(server.pid) - cpuBefore) / Math.max(1, result.requests)
    rows.push({ key: load.key, ...result, cpu })
    console.error(`  ${load.key}: ${result.rps.toFixed(0)} req/s`)
  }
  const health = rows[0]!
  console.log(
    `\n${connections} connections, ${seconds} s per call, ${tokens.length} nodes, ${base}; load average ${loadAverage()}\n`,
  )
  console.log(
    `${'call'.padEnd(20)}${'req/s'.padStart(8)}${'p95 ms'.padStart(9)}${'CPU ms/req'.padStart(12)}` +
      `${'req/s vs health'.padStart(17)}${'CPU vs health'.padStart(15)}`,
  )
  for (const row of rows) {
    console.log(
      `${row.key.padEnd(20)}${row.rps.toFixed(0).padStart(8)}${row.p95.toFixed(0).padStart(9)}` +
        `${row.cpu.toFixed(2).padStart(12)}${`${((row.rps / health.rps) * 100).toFixed(0)} %`.padStart(17)}` +
        `${`${(row.cpu / health.cpu).toFixed(1)}×`.padStart(15)}` +
        (row.errors ? `  (${row.errors} errors)` : '') +
        (row.wrong ? `  (${row.wrong} unexpected statuses)` : ''),
    )
  }
} finally {
  await server.stop()
}
