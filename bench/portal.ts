/**
 * What the benchmarks share (bench/pages.ts, bench/lighthouse.ts, bench/node-api.ts): a fresh
 * PostgreSQL database with the demo data, one session per main role opened through the auth adapter
 * (exactly what a ClaveÚnica login stores), the list of main pages, the built portal served with
 * `next start`, an autocannon load and the server's CPU time.
 *
 *   BENCH_DATABASE_URL (default pisee_bench on 127.0.0.1:5432)   BENCH_PORT=3950
 *   BENCH_CPU_PROF=dir   start the server under `node --cpu-prof`, profiles written to dir on exit
 */
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'
import pg from 'pg'
import type { Db } from '@/lib/db/client'

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
export const databaseUrl = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/pisee_bench'
export const port = Number(process.env.BENCH_PORT ?? 3950)
export const base = `http://127.0.0.1:${port}`

// The portal's modules validate the environment on first use (lib/env.ts): give them the bench's.
process.env.DATABASE_URL = databaseUrl
process.env.AUTH_URL = base
const { personAdapter } = await import('@/lib/auth/adapter')
const { sessionCookie, SESSION_MAX_AGE_SECONDS } = await import('@/lib/auth/session-cookie')
const { createPrismaClient } = await import('@/lib/db/client')
const { seed } = await import('@/prisma/seed')
const { migrateDeploy } = await import('@/scripts/db/engine')

/** The people the pages are loaded as: one of each main role (prisma/seed.ts). */
export const roles = {
  dgd: 'Sebastián Vargas Lagos', // DGD head
  ctd: 'Carolina Fuentes Rojas', // CTD of SRCeI
  tech: 'Daniela Pizarro Tapia', // technical admin of Vallenar
  auditor: 'Patricia Núñez Espinoza',
} as const
export type Role = keyof typeof roles

/** The bench's database dropped, created and migrated, with no data (bench/traces.ts makes its own). */
export async function recreateEmptyDatabase(): Promise<void> {
  const url = new URL(databaseUrl)
  const name = url.pathname.slice(1)
  // It is dropped: only a database named like *bench*.
  if (!/^[a-z0-9_]+$/.test(name) || !name.includes('bench')) throw new Error(`unexpected database name ${name}`)
  url.pathname = '/postgres'
  const admin = new pg.Client({ connectionString: url.toString() })
  await admin.connect()
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
  await admin.query(`CREATE DATABASE ${name}`)
  await admin.end()
  await migrateDeploy({ databaseUrl })
}

export async function recreateDatabase(): Promise<Db> {
  await recreateEmptyDatabase()
  const db = createPrismaClient(databaseUrl)
  await seed(db)
  return db
}

/** A session row for each role, written by the adapter so it is stored exactly as a real login's. */
export async function openSessions(db: Db): Promise<Record<Role, { cookie: string; personId: string }>> {
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

export type Page = { key: string; path: string; as?: Role; status?: number }

export async function mainPages(db: Db): Promise<Page[]> {
  const kase = await db.connectionCase.findFirstOrThrow({ orderBy: { number: 'asc' }, select: { id: true } })
  const agreement = await db.agreement.findFirstOrThrow({ orderBy: { id: 'asc' }, select: { id: true } })
  const institution = await db.institution.findFirstOrThrow({ where: { shortName: 'SRCeI' }, select: { id: true } })
  const service = await db.service.findFirstOrThrow({ where: { status: 'PUBLISHED' }, orderBy: { code: 'asc' } })
  const workshop = await db.trainingWorkshop.findFirst({ orderBy: { heldOn: 'desc' }, select: { id: true } })
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
    // The catalog, publication review, nodes and traces (issues 9–11), and the form pages.
    { key: 'catalog services?q · ctd', path: '/catalog/services?q=registro', as: 'ctd' },
    { key: 'catalog service · ctd', path: `/catalog/services/${service.id}`, as: 'ctd' },
    { key: 'catalog schemas · ctd', path: '/catalog/schemas', as: 'ctd' },
    { key: 'catalog data · ctd', path: '/catalog/data', as: 'ctd' },
    { key: 'catalog requests · dgd', path: '/catalog/requests', as: 'dgd' },
    { key: 'catalog publish · tech', path: '/catalog/publish', as: 'tech' },
    { key: 'nodes · dgd', path: '/nodes', as: 'dgd' },
    { key: 'traces · dgd', path: '/traces', as: 'dgd' },
    { key: 'new request (form) · ctd', path: '/connections/new', as: 'ctd' },
    { key: 'members (form) · ctd', path: `/institutions/${institution.id}/members`, as: 'ctd' },
    { key: 'readiness (form) · dgd', path: `/institutions/${institution.id}/readiness`, as: 'dgd' },
    ...(workshop ? [{ key: 'workshop (form) · dgd', path: `/trainings/${workshop.id}`, as: 'dgd' as const }] : []),
  ]
}

export async function waitForServer() {
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

/**
 * Serves the existing build with `next start` on the bench's database; resolves once it answers.
 * `env` adds to (or overrides) the server's environment.
 */
export async function startPortal(env: Record<string, string> = {}) {
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
        ...env,
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
  } catch (error) {
    await stop()
    throw error
  }
  return { pid: server.pid!, stop }
}

/** User + system CPU (ms) of a process and its descendants, from /proc. */
export function treeCpuMs(pid: number): number {
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

/** The machine's 1, 5 and 15 minute load averages, as /proc/loadavg gives them. */
export function loadAverage(): string {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')
}

export type Load = {
  path: string
  method?: 'GET' | 'POST'
  /** Headers of the i-th request (e.g. a different node's credential each time). */
  headers?: (i: number) => Record<string, string>
  body?: string
  /** The status every answer must have; others are counted as `wrong`. */
  expect?: number
}

export type LoadResult = { rps: number; p95: number; requests: number; errors: number; wrong: number; bytes: number }

/** Loads `base + load.path` with autocannon for `seconds` over `connections` connections. */
export function run(
  load: Load,
  { connections, seconds }: { connections: number; seconds: number },
): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const times: number[] = []
    let next = 0
    let wrong = 0
    const headers = load.headers
    const instance = autocannon(
      {
        url: `${base}${load.path}`,
        connections,
        duration: seconds,
        method: load.method ?? 'GET',
        body: load.body,
        requests: headers
          ? [
              {
                setupRequest: (request) => {
                  request.headers = { ...request.headers, ...headers(next++) }
                  return request
                },
              },
            ]
          : undefined,
      },
      (error, result) => {
        if (error) return reject(error)
        times.sort((a, b) => a - b)
        resolve({
          rps: result.requests.total / seconds,
          p95: times[Math.floor(times.length * 0.95)] ?? NaN,
          requests: result.requests.total,
          errors: result.errors + result.timeouts,
          wrong,
          bytes: result.throughput.total / Math.max(1, result.requests.total),
        })
      },
    )
    instance.on('response', (_client, status, _bytes, responseTime) => {
      times.push(responseTime)
      if (load.expect !== undefined && status !== load.expect) wrong++
    })
  })
}

/** Seconds of the same load, unmeasured, before each measured run (BENCH_WARMUP_SECONDS, default 5). */
export const warmupSeconds = Number(process.env.BENCH_WARMUP_SECONDS ?? 5)

/**
 * `run` on one GET page, with the server's CPU per request (`pid`'s process tree) and the load after it.
 * The page is first loaded unmeasured for `warmupSeconds`: with a handful of warm-up requests, the JIT's
 * first seconds weighed on a 5 s run (a bare Next.js page measured 5.8 then 3.0 ms of CPU per request in
 * two runs one after the other; the catalog's moved 2×).
 */
export async function loadPage(
  path: string,
  options: { headers?: Record<string, string>; connections: number; seconds: number; pid: number },
): Promise<{ rps: number; p95: number; errors: number; cpuMsPerRequest: number; load: number }> {
  if (warmupSeconds > 0)
    await run(
      { path, headers: () => options.headers ?? {} },
      { connections: options.connections, seconds: warmupSeconds },
    )
  const before = treeCpuMs(options.pid)
  const result = await run({ path, headers: () => options.headers ?? {}, expect: 200 }, options)
  return {
    rps: result.rps,
    p95: result.p95,
    errors: result.errors + result.wrong,
    cpuMsPerRequest: (treeCpuMs(options.pid) - before) / Math.max(1, result.requests),
    load: Number(loadAverage().split(' ')[0]),
  }
}
