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
 *   BENCH_PORT=3950  BENCH_CONNECTIONS=10  BENCH_SECONDS=5
 *   BENCH_ONLY=home,cases   only the pages whose key contains one of these words
 *   BENCH_CPU_PROF=dir      start the server under `node --cpu-prof`, profiles written to dir on exit
 */
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import autocannon from 'autocannon'
import pg from 'pg'
import type { Db } from '@/lib/db/client'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const databaseUrl = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/pisee_bench'
const port = Number(process.env.BENCH_PORT ?? 3950)
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10)
const seconds = Number(process.env.BENCH_SECONDS ?? 5)
const only = process.env.BENCH_ONLY?.split(',').filter(Boolean)
const base = `http://127.0.0.1:${port}`

// The portal's modules validate the environment on first use (lib/env.ts): give them the bench's.
process.env.DATABASE_URL = databaseUrl
process.env.AUTH_URL = base
const { personAdapter } = await import('@/lib/auth/adapter')
const { sessionCookie, SESSION_MAX_AGE_SECONDS } = await import('@/lib/auth/session-cookie')
const { createPrismaClient } = await import('@/lib/db/client')
const { seed } = await import('@/prisma/seed')
const { migrateDeploy } = await import('@/scripts/db/engine')

/** The people the pages are loaded as: one of each main role (prisma/seed.ts). */
const roles = {
  dgd: 'Sebastián Vargas Lagos', // DGD head
  ctd: 'Carolina Fuentes Rojas', // CTD of SRCeI
  tech: 'Daniela Pizarro Tapia', // technical admin of Vallenar
  auditor: 'Patricia Núñez Espinoza',
} as const
type Role = keyof typeof roles

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

/** A session row for each role, written by the adapter so it is stored exactly as a real login's. */
async function openSessions(db: Db): Promise<Record<Role, { cookie: string; personId: string }>> {
  const adapter = personAdapter(db)
  const entries = await Promise.all(
    Object.entries(roles).map(async ([role, name]) => {
      const person = await db.person.findFirstOrThrow({ where: { name }, select: { id: true } })
      const sessionToken = randomBytes(32).toString('base64url')
      await adapter.createSession!({
        sessionToken,
        userId: person.id,
        expires: new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000),
      })
      return [role, { cookie: `${sessionCookie.name}=${sessionToken}`, personId: person.id }] as const
    }),
  )
  return Object.fromEntries(entries) as Record<Role, { cookie: string; personId: string }>
}

type Page = { key: string; path: string; as?: Role; status?: number }

async function pages(db: Db): Promise<Page[]> {
  const kase = await db.connectionCase.findFirstOrThrow({ orderBy: { number: 'asc' }, select: { id: true } })
  const agreement = await db.agreement.findFirstOrThrow({ orderBy: { id: 'asc' }, select: { id: true } })
  const institution = await db.institution.findFirstOrThrow({ where: { shortName: 'SRCeI' }, select: { id: true } })
  return [
    // The reference: the not-found page, rendered per request since the CSP nonce (proxy.ts).
    { key: 'static (not found)', path: '/bench-static-not-found', status: 404 },
    { key: 'public file', path: '/favicon.ico' },
    { key: 'health', path: '/api/health' },
    { key: 'login signed out', path: '/login' },
    { key: 'home · dgd', path: '/', as: 'dgd' },
    { key: 'home · ctd', path: '/', as: 'ctd' },
    { key: 'home · tech', path: '/', as: 'tech' },
    { key: 'cases?q · dgd', path: '/connections?q=registro', as: 'dgd' },
    { key: 'cases?q · ctd', path: '/connections?q=registro', as: 'ctd' },
    { key: 'case · dgd', path: `/connections/${kase.id}`, as: 'dgd' },
    { key: 'agreements?q · dgd', path: '/agreements?q=registro', as: 'dgd' },
    { key: 'agreement · dgd', path: `/agreements/${agreement.id}`, as: 'dgd' },
    { key: 'institutions?q · dgd', path: '/institutions?q=muni&sort=name', as: 'dgd' },
    { key: 'institution · ctd', path: `/institutions/${institution.id}`, as: 'ctd' },
    { key: 'notifications · ctd', path: '/notifications', as: 'ctd' },
    { key: 'trainings?q · dgd', path: '/trainings?q=taller', as: 'dgd' },
    { key: 'audit?q · auditor', path: '/audit?q=caso', as: 'auditor' },
  ]
}

/** User + system CPU (ms) of a process and its descendants, from /proc. */
function treeCpuMs(pid: number): number {
  const stats = new Map<number, { ppid: number; ticks: number }>()
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const text = readFileSync(`/proc/${entry}/stat`, 'utf8')
      const fields = text.slice(text.lastIndexOf(')') + 2).split(' ')
      stats.set(Number(entry), { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) })
    } catch {
      // The process ended while we read.
    }
  }
  let ticks = 0
  const queue = [pid]
  while (queue.length) {
    const current = queue.pop()!
    ticks += stats.get(current)?.ticks ?? 0
    for (const [child, stat] of stats) if (stat.ppid === current) queue.push(child)
  }
  return ticks * 10 // USER_HZ is 100 on Linux
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
async function check(page: Page, headers: Record<string, string>, name?: string): Promise<number> {
  let html = ''
  for (let i = 0; i < 10; i++) {
    const response = await fetch(`${base}${page.path}`, { headers, redirect: 'manual' })
    html = await response.text()
    if (response.status !== (page.status ?? 200))
      throw new Error(`${page.key}: ${page.path} answered ${response.status}`)
    if (name && !html.includes(name)) throw new Error(`${page.key}: ${page.path} does not show ${name}`)
  }
  return firstLoadJsKb(html)
}

function run(
  url: string,
  headers: Record<string, string>,
): Promise<{ rps: number; p95: number; requests: number; errors: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const times: number[] = []
    const instance = autocannon({ url, connections, duration: seconds, headers }, (error, result) => {
      if (error) return reject(error)
      times.sort((a, b) => a - b)
      resolve({
        rps: result.requests.total / seconds,
        p95: times[Math.floor(times.length * 0.95)] ?? NaN,
        requests: result.requests.total,
        errors: result.errors + result.timeouts,
        bytes: result.throughput.total / Math.max(1, result.requests.total),
      })
    })
    instance.on('response', (_client, _status, _bytes, responseTime) => times.push(responseTime))
  })
}

const db = await recreateDatabase()
const sessions = await openSessions(db)
const list = (await pages(db)).filter(
  (page) => !only || page.key === 'static (not found)' || only.some((word) => page.key.includes(word)),
)
await db.$disconnect()

const nodeArgs = process.env.BENCH_CPU_PROF
  ? ['--cpu-prof', '--cpu-prof-dir', path.resolve(process.env.BENCH_CPU_PROF)]
  : []
const server = spawn(
  process.execPath,
  [...nodeArgs, path.join(root, 'node_modules/next/dist/bin/next'), 'start', '-p', String(port), '-H', '127.0.0.1'],
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
  const rows: { key: string; rps: number; p95: number; cpu: number; kb: number; js: number; errors: number }[] = []
  for (const page of list) {
    const headers: Record<string, string> = page.as ? { cookie: sessions[page.as].cookie } : {}
    const js = await check(page, headers, page.as && roles[page.as])
    const before = treeCpuMs(server.pid!)
    const result = await run(`${base}${page.path}`, headers)
    const cpu = (treeCpuMs(server.pid!) - before) / Math.max(1, result.requests)
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
  const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')
  console.log(`\n${connections} connections, ${seconds} s per page, ${base}; load average ${load}\n`)
  console.log(
    `${'page'.padEnd(24)}${'req/s'.padStart(8)}${'p95 ms'.padStart(9)}${'share'.padStart(8)}${'CPU ms/req'.padStart(12)}${'kB/resp'.padStart(9)}${'JS kB gz'.padStart(10)}`,
  )
  for (const row of rows) {
    console.log(
      `${row.key.padEnd(24)}${row.rps.toFixed(0).padStart(8)}${row.p95.toFixed(0).padStart(9)}` +
        `${`${((row.rps / staticRps) * 100).toFixed(1)}%`.padStart(8)}${row.cpu.toFixed(1).padStart(12)}${row.kb.toFixed(1).padStart(9)}` +
        `${row.js.toFixed(1).padStart(10)}` +
        (row.errors ? `  (${row.errors} errors)` : ''),
    )
  }
} finally {
  await stop()
}
