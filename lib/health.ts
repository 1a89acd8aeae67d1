import { readdir } from 'node:fs/promises'
import path from 'node:path'
import { db } from '@/lib/db/client'

export type Health = { status: 'ok'; database: 'ok' } | { status: 'error'; database: 'error'; reason: string }

/** Whether the database answers, within `timeoutMs`. */
export async function checkHealth(timeoutMs = 3000): Promise<Health> {
  let timer: NodeJS.Timeout | undefined
  try {
    await Promise.race([
      db.$queryRaw`SELECT 1`,
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs)
      }),
    ])
    return { status: 'ok', database: 'ok' }
  } catch (error) {
    // A reason an operator can act on, without connection strings or credentials.
    const reason =
      error instanceof Error && error.message.includes('no answer') ? error.message : 'database unreachable'
    return { status: 'error', database: 'error', reason }
  } finally {
    clearTimeout(timer)
  }
}

export type Readiness =
  | { status: 'ready'; database: 'ok'; migrations: 'applied' }
  | { status: 'not-ready'; reason: string; pending?: string[] }

/** The migration folders the build ships (prisma/migrations/<timestamp>_<name>). */
export async function expectedMigrations(dir = path.join(process.cwd(), 'prisma', 'migrations')): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true })
  return entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort()
}

/**
 * Whether this replica should be sent traffic: not shutting down, the database answers, and every
 * migration the code expects has been applied (`npm run db:deploy` runs before the replicas start).
 */
export async function checkReadiness(options: { shuttingDown: boolean; timeoutMs?: number }): Promise<Readiness> {
  if (options.shuttingDown) return { status: 'not-ready', reason: 'shutting down' }
  const health = await checkHealth(options.timeoutMs)
  if (health.status !== 'ok') return { status: 'not-ready', reason: health.reason }
  let expected: string[]
  try {
    expected = await expectedMigrations()
  } catch {
    return { status: 'not-ready', reason: 'migrations folder not found' }
  }
  let applied: { migration_name: string }[]
  try {
    applied = await db.$queryRaw<{ migration_name: string }[]>`
      SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`
  } catch {
    return { status: 'not-ready', reason: 'no migrations applied', pending: expected }
  }
  const done = new Set(applied.map((row) => row.migration_name))
  const pending = expected.filter((name) => !done.has(name))
  if (pending.length) return { status: 'not-ready', reason: 'migrations pending', pending }
  return { status: 'ready', database: 'ok', migrations: 'applied' }
}
