/**
 * What the page benchmarks share (bench/pages.ts, bench/lighthouse.ts): a fresh PostgreSQL database
 * with the demo data, one session per main role opened through the auth adapter (exactly what a
 * ClaveÚnica login stores), the list of main pages, and the built portal served with `next start`.
 *
 *   BENCH_DATABASE_URL (default pisee_bench on 127.0.0.1:5432)   BENCH_PORT=3950
 *   BENCH_CPU_PROF=dir   start the server under `node --cpu-prof`, profiles written to dir on exit
 */
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
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
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`unexpected database name ${name}`)
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

/** Serves the existing build with `next start` on the bench's database; resolves once it answers. */
export async function startPortal() {
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
  } catch (error) {
    await stop()
    throw error
  }
  return { pid: server.pid!, stop }
}
