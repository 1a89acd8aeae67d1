/**
 * `npm run bench:pages`: how fast the built portal serves its main pages, side by side with a static
 * page of the same app. A script, not a test: it prints figures and never fails on them.
 *
 * It builds nothing (run `npx next build` first). It recreates a PostgreSQL database (BENCH_DATABASE_URL,
 * default pisee_bench on 127.0.0.1:5432), migrates and seeds it with the demo data, serves the build
 * with `next start`, opens a session for a person of each main role through the auth adapter (exactly
 * what a ClaveÚnica login stores), and loads each page with autocannon.
 *
 * For each page it prints req/s, p95 latency, the share of the static page's req/s and the server's CPU
 * time per request (user + system of the `next start` process tree, from /proc): on a busy machine
 * the CPU per request is the figure to compare, req/s depends on what else runs. It also prints the
 * size of each response and the page's first-load JavaScript (every script it loads, gzip).
 *
 *   BENCH_PORT=3950  BENCH_CONNECTIONS=10  BENCH_SECONDS=5  BENCH_WARMUP_SECONDS=5 (each page loaded unmeasured first)
 *   BENCH_SECONDS=0          no load: only the bytes (response size, first-load JS), which a busy machine does not change
 *   BENCH_ONLY=home,cases   only the pages whose key contains one of these words
 *   BENCH_CPU_PROF=dir      start the server under `node --cpu-prof`, profiles written to dir on exit
 */
import { gzipSync } from 'node:zlib'
import {
  base,
  mainPages,
  openSessions,
  loadAverage,
  recreateDatabase,
  roles,
  run,
  startPortal,
  treeCpuMs,
  type Page,
  warmupSeconds,
} from './portal'

const connections = Number(process.env.BENCH_CONNECTIONS ?? 10)
const seconds = Number(process.env.BENCH_SECONDS ?? 5)
const only = process.env.BENCH_ONLY?.split(',').filter(Boolean)

const scriptSizes = new Map<string, number>()

/** The first-load JavaScript of a page: every script it loads, gzip-compressed, in kB. */
async function firstLoadJsKb(html: string): Promise<number> {
  let bytes = 0
  // Scripts marked noModule (polyfills) are not loaded by the browsers the portal supports.
  for (const [, src] of html.matchAll(/<script(?![^>]*noModule)[^>]* src="([^"]+)"/gi)) {
    if (!scriptSizes.has(src!)) {
      const body = Buffer.from(await (await fetch(new URL(src!.replaceAll('&amp;', '&'), base))).arrayBuffer())
      scriptSizes.set(src!, gzipSync(body).length)
    }
    bytes += scriptSizes.get(src!)!
  }
  return bytes / 1024
}

/**
 * Checks the page answers as expected for its person (not a redirect to the login page), warms it up,
 * and returns its first-load JavaScript in kB (gzip).
 */
async function check(page: Page, headers: Record<string, string>, name?: string): Promise<{ js: number; kb: number }> {
  let html = ''
  for (let i = 0; i < (seconds > 0 ? 10 : 1); i++) {
    const response = await fetch(`${base}${page.path}`, { headers, redirect: 'manual' })
    html = await response.text()
    if (response.status !== (page.status ?? 200))
      throw new Error(`${page.key}: ${page.path} answered ${response.status}`)
    if (name && !html.includes(name)) throw new Error(`${page.key}: ${page.path} does not show ${name}`)
  }
  return { js: await firstLoadJsKb(html), kb: Buffer.byteLength(html) / 1024 }
}

const db = await recreateDatabase()
const sessions = await openSessions(db)
const list = (await mainPages(db)).filter(
  (page) => !only || page.key === 'static (not found)' || only.some((word) => page.key.includes(word)),
)
await db.$disconnect()

const server = await startPortal()

try {
  const rows: { key: string; rps: number; p95: number; cpu: number; kb: number; js: number; errors: number }[] = []
  for (const page of list) {
    const headers: Record<string, string> = page.as ? { cookie: sessions[page.as].cookie } : {}
    const { js, kb } = await check(page, headers, page.as && roles[page.as])
    // Unmeasured first, as loadPage does (bench/portal.ts): the JIT's first seconds.
    if (seconds > 0 && warmupSeconds > 0)
      await run({ path: page.path, headers: () => headers }, { connections, seconds: warmupSeconds })
    const before = treeCpuMs(server.pid)
    const result =
      seconds > 0
        ? await run({ path: page.path, headers: () => headers }, { connections, seconds })
        : { rps: NaN, p95: NaN, requests: 0, errors: 0, bytes: kb * 1024 }
    const cpu = (treeCpuMs(server.pid) - before) / Math.max(1, result.requests)
    rows.push({
      key: page.key,
      rps: result.rps,
      p95: result.p95,
      cpu,
      kb: result.bytes / 1024,
      js,
      errors: result.errors,
    })
    console.error(`  ${page.key}: ${result.rps.toFixed(0)} req/s`)
  }
  const staticRps = rows[0]!.rps
  const load = loadAverage()
  console.log(`\n${connections} connections, ${seconds} s per page, ${base}; load average ${load}\n`)
  console.log(
    `${'page'.padEnd(30)}${'req/s'.padStart(8)}${'p95 ms'.padStart(9)}${'share'.padStart(8)}${'CPU ms/req'.padStart(12)}${'kB/resp'.padStart(9)}${'JS kB gz'.padStart(10)}`,
  )
  for (const row of rows) {
    console.log(
      `${row.key.padEnd(30)}${row.rps.toFixed(0).padStart(8)}${row.p95.toFixed(0).padStart(9)}` +
        `${`${((row.rps / staticRps) * 100).toFixed(1)}%`.padStart(8)}${row.cpu.toFixed(1).padStart(12)}${row.kb.toFixed(1).padStart(9)}` +
        `${row.js.toFixed(1).padStart(10)}` +
        (row.errors ? `  (${row.errors} errors)` : ''),
    )
  }
} finally {
  await server.stop()
}
