/**
 * `npm run bench:floor`: the least a page rendered per request costs on this machine with this Next.js,
 * the floor under every portal page (issue 8). A script, not a test: it prints figures, never fails.
 *
 * bench/next-floor is a Next.js app with nothing of the portal: a prerendered page, a page rendered per
 * request (`connection()`, one date, no data, no client component), and the same page behind a proxy
 * that gives it a CSP nonce as the portal's proxy.ts does. This script builds it (about a minute, on
 * the portal's node_modules) unless BENCH_FLOOR_BUILD=0, serves it with `next start` and loads each
 * page with autocannon as bench:pages does: req/s, p95 latency and the server's CPU per request.
 *
 *   BENCH_PORT=3950  BENCH_CONNECTIONS=10  BENCH_SECONDS=5  BENCH_WARMUP_SECONDS=5  BENCH_FLOOR_BUILD=1
 */
import { spawn, spawnSync } from 'node:child_process'
import path from 'node:path'
import { base, loadAverage, loadPage, port } from './portal'

const connections = Number(process.env.BENCH_CONNECTIONS ?? 10)
const seconds = Number(process.env.BENCH_SECONDS ?? 5)
const app = path.join(import.meta.dirname, 'next-floor')
const next = path.join(import.meta.dirname, '../node_modules/next/dist/bin/next')

if (process.env.BENCH_FLOOR_BUILD !== '0') {
  const build = spawnSync(process.execPath, [next, 'build'], { cwd: app, stdio: ['ignore', 'ignore', 'inherit'] })
  if (build.status !== 0) throw new Error('the floor app did not build')
}

const server = spawn(process.execPath, [next, 'start', '-p', String(port), '-H', '127.0.0.1'], {
  cwd: app,
  stdio: ['ignore', 'ignore', 'inherit'],
  env: { ...process.env, NODE_ENV: 'production' },
})
try {
  for (let i = 0; ; i++) {
    const ok = await fetch(`${base}/bare`).then(
      (r) => r.ok,
      () => false,
    )
    if (ok) break
    if (i > 300) throw new Error('the floor app did not start')
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  const pages = [
    { key: 'prerendered page', path: '/' },
    { key: 'rendered per request', path: '/bare' },
    { key: 'per request, behind a nonce proxy', path: '/proxied' },
  ]
  for (const page of pages) for (let i = 0; i < 20; i++) await (await fetch(`${base}${page.path}`)).text()
  const rows = []
  for (const page of pages)
    rows.push({ ...page, ...(await loadPage(page.path, { connections, seconds, pid: server.pid! })) })
  console.log(`\n${connections} connections, ${seconds} s per page, ${base}; load average ${loadAverage()}\n`)
  console.log(`${'page'.padEnd(36)} ${'req/s'.padStart(6)} ${'p95 ms'.padStart(7)} ${'CPU ms/req'.padStart(11)}`)
  for (const row of rows)
    console.log(
      `${row.key.padEnd(36)} ${row.rps.toFixed(0).padStart(6)} ${row.p95.toFixed(0).padStart(7)} ${row.cpuMsPerRequest.toFixed(1).padStart(11)}`,
    )
} finally {
  server.kill('SIGTERM')
}
