import { PrismaPg } from '@prisma/adapter-pg'
import { PrismaClient } from '@/lib/generated/prisma/client'

/**
 * One code path for every database: PostgreSQL over the wire through the pg driver adapter, whether
 * the server is a real PostgreSQL or the embedded PGlite served by scripts/start.ts.
 */
export function createPrismaClient(connectionString: string) {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString }) })
}

export type Db = ReturnType<typeof createPrismaClient>
/** The client handed to a `db.$transaction(async (tx) => …)` callback. */
export type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0]

const globalForDb = globalThis as unknown as { portalDb?: Db }

// Reused across hot reloads in development so connections are not leaked.
export const db: Db = (globalForDb.portalDb ??= createPrismaClient(process.env.DATABASE_URL ?? ''))
