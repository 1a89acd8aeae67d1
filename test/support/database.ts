/**
 * The databases the tests run against. TEST_DB=postgres uses the real server (TEST_DATABASE_URL,
 * default postgresql://postgres@127.0.0.1:5432/pisee_test) after dropping and re-creating its
 * database; TEST_DB=embedded starts an in-memory PGlite served over the wire, like `npm start` does.
 * Either way the migrations are applied first, exactly as on start.
 */
import pg from 'pg'
import { startEmbeddedPostgres, type EmbeddedPostgres } from '@/scripts/db/embedded'
import { migrateDeploy } from '@/scripts/db/engine'

export const DEFAULT_TEST_DATABASE_URL = 'postgresql://postgres@127.0.0.1:5432/pisee_test'

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]'])

/** Tests wipe their database: never let them near one that is not on this machine. */
export function assertLocalDatabase(url: string): void {
  const { hostname } = new URL(url)
  if (!LOCAL_HOSTS.has(hostname)) throw new Error(`Refusing to run tests against a non-local database (${hostname}).`)
}

async function recreateDatabase(url: string): Promise<void> {
  const target = new URL(url)
  const name = target.pathname.slice(1)
  if (!/^[a-z0-9_]+$/.test(name) || !name.includes('test')) {
    throw new Error(`Refusing to reset "${name}": test databases must be named like *test*.`)
  }
  const admin = new URL(url)
  admin.pathname = '/postgres'
  const client = new pg.Client({ connectionString: admin.toString() })
  await client.connect()
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
    await client.query(`CREATE DATABASE "${name}"`)
  } finally {
    await client.end()
  }
}

export type TestDatabase = { url: string; kind: 'postgres' | 'embedded'; stop(): Promise<void> }

export async function startTestDatabase(kind = process.env.TEST_DB ?? 'embedded'): Promise<TestDatabase> {
  if (kind === 'postgres') {
    const url = process.env.TEST_DATABASE_URL ?? DEFAULT_TEST_DATABASE_URL
    assertLocalDatabase(url)
    await recreateDatabase(url)
    await migrateDeploy({ databaseUrl: url })
    return { url, kind, stop: async () => {} }
  }
  if (kind !== 'embedded') throw new Error(`TEST_DB must be "postgres" or "embedded", not "${kind}".`)
  const port = 55_000 + Math.floor(Math.random() * 5_000)
  const embedded: EmbeddedPostgres = await startEmbeddedPostgres({ port })
  await migrateDeploy({ databaseUrl: embedded.url })
  return { url: embedded.url, kind, stop: embedded.stop }
}
