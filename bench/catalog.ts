/**
 * `npm run bench:catalog`: the service catalog page with 10,000 services, side by side with a static
 * page of the same app (issue 10, item 8). A script, not a test: it prints figures, never fails on them.
 *
 * It builds nothing (run `npx next build` first). With bench/portal.ts it recreates the bench database
 * (BENCH_DATABASE_URL), migrates and seeds it, opens a session for a technical administrator; then it
 * adds services up to BENCH_SERVICES (10,000) in one INSERT … SELECT, prints the catalog query's plan
 * (EXPLAIN ANALYZE, as the page runs it), serves the build with `next start` and loads, with
 * autocannon: the catalog searched, filtered and sorted; the not-found page (rendered per request, as
 * every page since the CSP nonce) and a public file as the static references. Prints req/s, p95, the
 * server's CPU per request and the load average: on a busy machine the CPU per request is the figure
 * to compare, req/s depends on what else runs.
 *
 *   BENCH_PORT  BENCH_DATABASE_URL  BENCH_CONNECTIONS=10  BENCH_SECONDS=5  BENCH_WARMUP_SECONDS=5  BENCH_SERVICES=10000
 */
import pg from 'pg'
import { base, databaseUrl, loadAverage, loadPage, openSessions, recreateDatabase, startPortal } from './portal'

const connections = Number(process.env.BENCH_CONNECTIONS ?? 10)
const seconds = Number(process.env.BENCH_SECONDS ?? 5)
const total = Number(process.env.BENCH_SERVICES ?? 10_000)

const PERSON = 'Daniela Pizarro Tapia' // technical administrator of Vallenar (bench/portal.ts roles.tech)
const CATALOG_QUERY = { q: 'certificado', protocol: 'REST', sort: 'name' }
const CATALOG = `/catalog/services?${new URLSearchParams(CATALOG_QUERY)}`

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

/** The catalog page's own query (lib/catalog/queries.ts serviceCatalogSql: the page, its count and facets), EXPLAINed as the person runs it. */
async function explainCatalog(client: pg.Client, personId: string) {
  const { loadViewer } = await import('@/lib/auth/load-viewer')
  const { serviceCatalogSql } = await import('@/lib/catalog/queries')
  const { servicesParamsFrom } = await import('@/lib/catalog/table-params')
  const viewer = await loadViewer(personId)
  if (!viewer) throw new Error('no viewer')
  const query = serviceCatalogSql(viewer, servicesParamsFrom(new URLSearchParams(CATALOG_QUERY)).params, new Date())
  // Prisma's `$1`-style placeholders, as pg takes them.
  const plan = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${query.text}`, query.values)
  console.log(`\nEXPLAIN ANALYZE of the catalog query (${CATALOG}):`)
  for (const row of plan.rows) console.log(`  ${row['QUERY PLAN']}`)
}

const db = await recreateDatabase()
const sessions = await openSessions(db)
await db.$disconnect()
const client = new pg.Client({ connectionString: databaseUrl })
await client.connect()
await addServices(client)
if (process.env.BENCH_EXPLAIN !== '0') await explainCatalog(client, sessions.tech.personId)
await client.end()

const portal = await startPortal()
try {
  const headers = { cookie: sessions.tech.cookie }
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
  const loadBefore = loadAverage()
  const results = []
  for (const page of pages) {
    // loadPage warms each page up first (BENCH_WARMUP_SECONDS).
    const result = await loadPage(page.path, {
      headers: page.headers,
      connections,
      seconds,
      pid: portal.pid,
    })
    results.push({ ...page, ...result, errors: page.non2xxOk ? 0 : result.errors })
    console.error(`  ${page.key}: ${result.rps.toFixed(0)} req/s`)
  }
  const [notFound, file, catalog] = results as [(typeof results)[0], (typeof results)[0], (typeof results)[0]]
  console.log(`\nCatalog benchmark: ${total} services, ${connections} connections, ${seconds} s per page`)
  console.log(`load average (1, 5, 15 min) before: ${loadBefore}, on a machine with its other work running\n`)
  console.log('page                                                   req/s   p95 ms  CPU ms/req  load  errors')
  for (const r of results) {
    console.log(
      `${r.key.padEnd(52)} ${r.rps.toFixed(0).padStart(7)} ${r.p95.toFixed(0).padStart(8)} ${r.cpuMsPerRequest
        .toFixed(2)
        .padStart(11)} ${r.load.toFixed(1).padStart(5)} ${String(r.errors).padStart(7)}`,
    )
  }
  const ratio = (a: number, b: number) => `${((100 * a) / b).toFixed(0)} %`
  console.log(`\ncatalog / not-found page: ${ratio(catalog.rps, notFound.rps)} of its req/s (goal ≥ 40 %)`)
  console.log(
    `  by server CPU per request: ${ratio(notFound.cpuMsPerRequest, catalog.cpuMsPerRequest)} (the not-found page's CPU ms / the catalog's)`,
  )
  console.log(`catalog / public file:    ${ratio(catalog.rps, file.rps)} of its req/s`)
  console.log(`catalog p95: ${catalog.p95.toFixed(0)} ms (goal < 100 ms)`)
} finally {
  await portal.stop()
}
