import { PrismaPg } from '@prisma/adapter-pg'
import pg from 'pg'
import { env } from '@/lib/env'
import { PrismaClient } from '@/lib/generated/prisma/client'

/**
 * One code path for every database: PostgreSQL over the wire through the pg driver adapter, whether
 * the server is a real PostgreSQL or the embedded PGlite served by scripts/start.ts.
 */
export function createPrismaClient(connectionString: string) {
  // The embedded server (PGlite over the wire) interleaves the protocol messages of concurrent
  // connections, so it is given one connection: DATABASE_POOL_MAX=1 (set by scripts/start.ts).
  const max = env.DATABASE_POOL_MAX
  // Our own pool, so its use can be measured (/api/metrics); $disconnect() ends it.
  const pool = new pg.Pool({ connectionString, max })
  pools.add(pool)
  pool.on('error', () => {}) // an idle client's lost connection: the pool replaces it
  // Prisma's defaults (2 s to get a connection, 5 s per transaction) fail a step with P2028 when many
  // steps queue for a busy pool — the embedded database has one connection, and a loaded machine is
  // slow: a person's click should wait its turn, not fail. Row locks still serialize the steps.
  const transactionOptions = { maxWait: 15_000, timeout: 30_000 }
  return Object.assign(
    new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }), transactionOptions }),
    { pool },
  )
}

export type Db = ReturnType<typeof createPrismaClient>
/** The client handed to a `db.$transaction(async (tx) => …)` callback. */
export type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0]

const globalForDb = globalThis as unknown as { portalDb?: Db; portalPools?: Set<pg.Pool> }
const pools = (globalForDb.portalPools ??= new Set())

/** The connections of this process's pools: open, idle, and requests waiting for one. */
export function databasePoolStats(): { total: number; idle: number; waiting: number } {
  let total = 0
  let idle = 0
  let waiting = 0
  for (const pool of pools) {
    if (pool.ended) {
      pools.delete(pool)
      continue
    }
    total += pool.totalCount
    idle += pool.idleCount
    waiting += pool.waitingCount
  }
  return { total, idle, waiting }
}

/** Closes the portal's pool if it was opened (at shutdown). */
export async function closeDatabase(): Promise<void> {
  const client = globalForDb.portalDb
  globalForDb.portalDb = undefined
  await client?.$disconnect()
}

/**
 * The portal's client, created on first use from DATABASE_URL (so a script may set the URL after
 * importing this module, as `npm start` does for the embedded database) and reused across hot reloads.
 */
export const db: Db = new Proxy({} as Db, {
  get(_target, property) {
    const client = (globalForDb.portalDb ??= createPrismaClient(env.DATABASE_URL ?? ''))
    const value = Reflect.get(client, property, client) as unknown
    if (property === 'pool') return value
    return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(client) : value
  },
})

/**
 * The same pool of connections Prisma uses, for the few statements Prisma cannot express fast enough
 * (the trace registry's batched inserts and cursors, lib/traces). Shared, so the embedded database's
 * single connection is never exceeded.
 */
export function dbPool(): pg.Pool {
  return db.pool
}
