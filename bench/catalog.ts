/**
 * `npm run bench:catalog`: the service catalog page with 10,000 services, side by side with a static
 * page of the same app (issue 10, item 8). A script, not a test: it prints figures, never fails on them.
 *
 * It builds nothing (run `npx next build` first). It recreates a PostgreSQL database (BENCH_DATABASE_URL,
 * default pisee_bench_catalog on 127.0.0.1:5432), migrates it, seeds the demo data, adds services up to
 * BENCH_SERVICES (10,000) in one INSERT … SELECT, serves the build with `next start`, opens a session for
 * a technical administrator (through the auth adapter, as a login stores it) and loads, with autocannon:
 * the catalog searched, filtered and sorted; and the not-found page (rendered per request, as every
 * page since the CSP nonce) and a public file as the static references. Prints req/s, p95 and ratios.
 *
 *   BENCH_PORT=3960  BENCH_CONNECTIONS=10  BENCH_SECONDS=5  BENCH_SERVICES=10000
 */
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'
import pg from 'pg'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const databaseUrl = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/pisee_bench_catalog'
const port = Number(process.env.BENCH_PORT ?? 3960)
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10)
const seconds = Number(process.env.BENCH_SECONDS ?? 5)
const total = Number(process.env.BENCH_SERVICES ?? 10_000)
const base = `http://127.0.0.1:${port}`

process.env.DATABASE_URL = databaseUrl
process.env.AUTH_URL = base
const { personAdapter } = await import('@/lib/auth/adapter')
const { sessionCookie, SESSION_MAX_AGE_SECONDS } = await import('@/lib/auth/session-cookie')
const { createPrismaClient } = await import('@/lib/db/client')
const { seed } = await import('@/prisma/seed')
const { migrateDeploy } = await import('@/scripts/db/engine')

const PERSON = 'Daniela Pizarro Tapia' // technical administrator of Vallenar
const CATALOG = '/catalog/services?q=certificado&protocol=REST&sort=name'

async function recreateDatabase() {
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
 * Services up to `total`, spread over every institution, status, protocol and procedure, named from
 * the kinds of services the network has (folded search text written alongside, as the portal does).
 */
async function addServices(client: pg.Client) {
  const started = Date.now()
  const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM "Service"')
  const missing = total - Number(rows[0]!.n)
  await client.query(
    `WITH kinds(name, folded) AS (VALUES
        ('Certificado de nacimiento', 'certificado de nacimiento'), ('Consulta de deuda fiscal', 'consulta de deuda fiscal'),
        ('Situación previsional', 'situacion previsional'), ('Matrícula escolar', 'matricula escolar'),
        ('Permiso de circulación', 'permiso de circulacion'), ('Licencias médicas', 'licencias medicas'),
        ('Certificado de residencia', 'certificado de residencia'), ('Patentes comerciales', 'patentes comerciales')),
      k AS (SELECT row_number() OVER () - 1 AS i, name, folded FROM kinds),
      inst AS (SELECT row_number() OVER (ORDER BY id) - 1 AS i, id, name, "shortName" FROM "Institution"),
      n AS (SELECT count(*) AS c FROM inst)
    INSERT INTO "Service" ("id", "code", "name", "description", "providerId", "version", "protocol", "requiresAgreement",
      "devEndpoint", "prodEndpoint", "searchText", "status", "procedures", "serviceLevels", "contacts", "lastReviewedAt", "updatedAt")
    SELECT 'bench' || g, 'BENCH-' || lpad(g::text, 6, '0'), k.name || ' ' || g, 'Servicio de carga ' || g, inst.id, '1.' || (g % 5),
      (CASE WHEN g % 3 = 0 THEN 'SOAP' ELSE 'REST' END)::"ServiceProtocol", g % 4 <> 0,
      'https://dev.example.gob.cl/b' || g, 'https://api.example.gob.cl/b' || g,
      'bench-' || lpad(g::text, 6, '0') || ' ' || k.folded || ' ' || g || ' servicio de carga ' || g || ' ' || lower(inst."shortName"),
      (ARRAY['PUBLISHED','PUBLISHED','PUBLISHED','PUBLISHED','DEPRECATED','RETIRED','DRAFT','IN_REVIEW'])[1 + g % 8]::"CatalogStatus",
      ARRAY['CPAT-' || (10000 + g % 300)],
      CASE WHEN g % 2 = 0 THEN '{"availability":99.5,"p95Ms":800}'::jsonb END,
      CASE WHEN g % 3 = 0 THEN '[{"name":"Mesa","email":"mesa@example.gob.cl"}]'::jsonb END,
      now() - ((g % 24) || ' months')::interval, now()
    FROM generate_series(1, $1::int) AS g
    JOIN k ON k.i = g % 8
    JOIN inst ON inst.i = g % (SELECT c FROM n)`,
    [missing],
  )
  await client.query(
    `INSERT INTO "ServiceVersion" ("id", "serviceId", "version", "status", "specFormat", "spec", "specSha256", "operations", "changes", "publishedAt")
     SELECT 'v' || s."id", s."id", s."version", 'PUBLISHED', CASE s."protocol" WHEN 'SOAP' THEN 'WSDL'::"SpecFormat" ELSE 'OPENAPI'::"SpecFormat" END,
       convert_to('{}', 'UTF8'), md5(s."id"), '[]'::jsonb, 'Carga', now()
     FROM "Service" s WHERE s."id" LIKE 'bench%' AND right(s."id", 1) IN ('0','2','4','6','8')`,
  )
  await client.query('ANALYZE')
  console.error(`  ${missing} services added in ${Date.now() - started} ms`)
}

async function openSession(db: Awaited<ReturnType<typeof recreateDatabase>>) {
  const person = await db.person.findFirstOrThrow({ where: { name: PERSON }, select: { id: true } })
  const sessionToken = randomBytes(32).toString('base64url')
  await personAdapter(db).createSession!({
    sessionToken,
    userId: person.id,
    expires: new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000),
  })
  return `${sessionCookie.name}=${sessionToken}`
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

function run(url: string, headers: Record<string, string>): Promise<{ rps: number; p95: number; errors: number }> {
  return new Promise((resolve, reject) => {
    const times: number[] = []
    const instance = autocannon({ url, connections, duration: seconds, headers }, (error, result) => {
      if (error) return reject(error)
      times.sort((a, b) => a - b)
      resolve({
        rps: result.requests.total / seconds,
        p95: times[Math.floor(times.length * 0.95)] ?? NaN,
        errors: result.errors + result.timeouts + result.non2xx,
      })
    })
    instance.on('response', (_client, _status, _bytes, responseTime) => times.push(responseTime))
  })
}

const db = await recreateDatabase()
const cookie = await openSession(db)
await db.$disconnect()
const client = new pg.Client({ connectionString: databaseUrl })
await client.connect()
await addServices(client)
await client.end()

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
  const headers = { cookie }
  // Check the catalog answers for the person and finds services, then warm every page up.
  const html = await (await fetch(`${base}${CATALOG}`, { headers, redirect: 'manual' })).text()
  if (!html.includes(PERSON) || !html.includes('BENCH-'))
    throw new Error('the catalog page does not show the bench services')
  for (let i = 0; i < 10; i++) {
    await (await fetch(`${base}${CATALOG}`, { headers })).text()
    await (await fetch(`${base}/bench-static-not-found`)).text()
  }
  const pages = [
    { key: 'static (not-found page)', path: '/bench-static-not-found', headers: {}, non2xxOk: true },
    { key: 'static (public file)', path: '/favicon.ico', headers: {}, non2xxOk: false },
    { key: `catalog ${CATALOG}`, path: CATALOG, headers, non2xxOk: false },
  ]
  const results = []
  for (const page of pages) {
    const result = await run(`${base}${page.path}`, page.headers)
    results.push({ ...page, ...result, errors: page.non2xxOk ? 0 : result.errors })
    console.error(`  ${page.key}: ${result.rps.toFixed(0)} req/s`)
  }
  const [notFound, file, catalog] = results as [(typeof results)[0], (typeof results)[0], (typeof results)[0]]
  console.log(`\nCatalog benchmark: ${total} services, ${connections} connections, ${seconds} s per page\n`)
  console.log('page                                                   req/s   p95 ms  errors')
  for (const r of results) {
    console.log(
      `${r.key.padEnd(52)} ${r.rps.toFixed(0).padStart(7)} ${r.p95.toFixed(0).padStart(8)} ${String(r.errors).padStart(7)}`,
    )
  }
  const ratio = (a: number, b: number) => `${((100 * a) / b).toFixed(0)} %`
  console.log(`\ncatalog / not-found page: ${ratio(catalog.rps, notFound.rps)} of its req/s (goal ≥ 40 %)`)
  console.log(`catalog / public file:    ${ratio(catalog.rps, file.rps)} of its req/s`)
  console.log(`catalog p95: ${catalog.p95.toFixed(0)} ms (goal < 100 ms)`)
} finally {
  await stop()
}
