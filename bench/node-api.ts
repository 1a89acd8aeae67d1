/**
 * `npm run bench:node-api`: how many authenticated node API calls the built portal serves per second,
 * beside the unauthenticated /api/health in the same run. A script, not a test: it prints figures.
 *
 * It builds nothing (run `npx next build` first). It recreates a PostgreSQL database
 * (BENCH_DATABASE_URL, default pisee_bench_node_api on 127.0.0.1:5432), migrates and seeds it with the
 * demo data, gives BENCH_NODES development nodes a credential and a grant each, serves the build with
 * `next start`, and loads with autocannon, the calls spread round-robin over the nodes:
 *   - health:               GET /api/health (one SELECT 1; the reference)
 *   - configuration:        GET /api/v1/node/configuration, signed each time (200)
 *   - configuration (304):  the same with If-None-Match of the version the node holds
 *   - heartbeat:            POST /api/v1/node/heartbeat
 * Each authenticated call = credential lookup + rate-limit upsert + the call's own queries. The rate
 * limit is raised for the run (NODE_API_RATE_LIMIT) so it counts but never refuses.
 *
 *   BENCH_PORT=3951  BENCH_CONNECTIONS=10  BENCH_SECONDS=5  BENCH_NODES=20
 */
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'
import pg from 'pg'
import type { Db } from '@/lib/db/client'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const databaseUrl = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/pisee_bench_node_api'
const port = Number(process.env.BENCH_PORT ?? 3951)
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10)
const seconds = Number(process.env.BENCH_SECONDS ?? 5)
const nodeCount = Number(process.env.BENCH_NODES ?? 20)
const base = `http://127.0.0.1:${port}`

process.env.DATABASE_URL = databaseUrl
process.env.AUTH_URL = base
const { createPrismaClient } = await import('@/lib/db/client')
const { generateCredential } = await import('@/lib/nodes/credentials')
const { seed } = await import('@/prisma/seed')
const { migrateDeploy } = await import('@/scripts/db/engine')

async function recreateDatabase(): Promise<Db> {
  const url = new URL(databaseUrl)
  const name = url.pathname.slice(1)
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`unexpected database name ${name}`)
  url.pathname = '/postgres'
  const admin = new pg.Client({ connectionString: url.toString() })
  await admin.connect()
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
  await admin.query(`CREATE DATABASE ${name}`)
  await admin.end()
  await migrateDeploy({ databaseUrl })
  const db = createPrismaClient(databaseUrl)
  await seed(db)
  return db
}

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

async function waitForServer() {
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  throw new Error('the portal did not start')
}

type Load = {
  key: string
  path: string
  method?: 'GET' | 'POST'
  /** Headers for the i-th node. */
  headers: (i: number) => Record<string, string>
  body?: string
  expect: number
}

function run(load: Load, tokens: number): Promise<{ rps: number; p95: number; errors: number; wrong: number }> {
  return new Promise((resolve, reject) => {
    const times: number[] = []
    let next = 0
    let wrong = 0
    const instance = autocannon(
      {
        url: `${base}${load.path}`,
        connections,
        duration: seconds,
        method: load.method ?? 'GET',
        body: load.body,
        requests: [
          {
            setupRequest: (request) => {
              request.headers = { ...request.headers, ...load.headers(next++ % Math.max(1, tokens)) }
              return request
            },
          },
        ],
      },
      (error, result) => {
        if (error) return reject(error)
        times.sort((a, b) => a - b)
        resolve({
          rps: result.requests.total / seconds,
          p95: times[Math.floor(times.length * 0.95)] ?? NaN,
          errors: result.errors + result.timeouts,
          wrong,
        })
      },
    )
    instance.on('response', (_client, status, _bytes, responseTime) => {
      times.push(responseTime)
      if (status !== load.expect) wrong++
    })
  })
}

const db = await recreateDatabase()
const tokens = await benchNodes(db)
await db.$disconnect()

const server = spawn(
  process.execPath,
  [path.join(root, 'node_modules/next/dist/bin/next'), 'start', '-p', String(port), '-H', '127.0.0.1'],
  {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      DEMO_MODE: 'false',
      AUTH_SECRET: process.env.AUTH_SECRET ?? randomBytes(32).toString('base64url'),
      AUTH_TRUST_HOST: 'true',
      AUTH_URL: base,
      SMTP_URL: '',
      NODE_API_RATE_LIMIT: '1000000000',
    },
  },
)
const stop = () =>
  new Promise<void>((resolve) => {
    if (server.exitCode !== null) return resolve()
    server.once('exit', () => resolve())
    server.kill('SIGTERM')
  })

try {
  await waitForServer()
  // The version each node holds, for the conditional fetches (and a check that the API answers).
  const etags: string[] = []
  for (const token of tokens) {
    const response = await fetch(`${base}/api/v1/node/configuration`, { headers: { authorization: `Bearer ${token}` } })
    if (response.status !== 200) throw new Error(`configuration answered ${response.status}: ${await response.text()}`)
    etags.push(response.headers.get('etag')!)
  }
  const bearer = (i: number) => ({ authorization: `Bearer ${tokens[i]}` })
  const loads: Load[] = [
    { key: 'health (no auth)', path: '/api/health', headers: () => ({}), expect: 200 },
    { key: 'configuration', path: '/api/v1/node/configuration', headers: bearer, expect: 200 },
    {
      key: 'configuration 304',
      path: '/api/v1/node/configuration',
      headers: (i) => ({ ...bearer(i), 'if-none-match': etags[i]! }),
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
  const rows: { key: string; rps: number; p95: number; errors: number; wrong: number }[] = []
  for (const load of loads) {
    await run({ ...load }, tokens.length).catch(() => undefined) // warm-up
    const result = await run(load, tokens.length)
    rows.push({ key: load.key, ...result })
    console.error(`  ${load.key}: ${result.rps.toFixed(0)} req/s`)
  }
  const healthRps = rows[0]!.rps
  const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')
  console.log(
    `\n${connections} connections, ${seconds} s per call, ${tokens.length} nodes, ${base}; load average ${load}\n`,
  )
  console.log(`${'call'.padEnd(22)}${'req/s'.padStart(8)}${'p95 ms'.padStart(9)}${'vs health'.padStart(11)}`)
  for (const row of rows) {
    console.log(
      `${row.key.padEnd(22)}${row.rps.toFixed(0).padStart(8)}${row.p95.toFixed(0).padStart(9)}` +
        `${`${((row.rps / healthRps) * 100).toFixed(0)}%`.padStart(11)}` +
        (row.errors ? `  (${row.errors} errors)` : '') +
        (row.wrong ? `  (${row.wrong} unexpected statuses)` : ''),
    )
  }
} finally {
  await stop()
}
