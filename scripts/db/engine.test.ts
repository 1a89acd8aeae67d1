// @vitest-environment node
// The offline migration engine against both databases the app uses: a real PostgreSQL server
// (throwaway databases pisee_engine_test_<random> on 127.0.0.1:5432) and PGlite served over the wire.
// Fixtures are small schemas in temp folders, independent of the project's own schema.
import { PGlite } from '@electric-sql/pglite'
import { PGLiteSocketServer } from '@electric-sql/pglite-socket'
import { execFile } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import pg from 'pg'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { warmUpShadowDatabase } from './adapter.ts'
import { migrateDeploy, migrateDev, migrateStatus, schemaDrift } from './engine.ts'
import { assertBindingsMatch, schemaEngineWasmPath } from './wasm.ts'

const SERVER = 'postgresql://postgres@127.0.0.1:5432'

interface Target {
  url: string
  dispose(): Promise<void>
}

/** A database name that does not exist yet: migrateDeploy/migrateDev must create it. */
async function freshServerDatabase(): Promise<Target> {
  const name = `pisee_engine_test_${randomBytes(6).toString('hex')}`
  return {
    url: `${SERVER}/${name}`,
    dispose: async () => {
      const admin = new pg.Client({ connectionString: `${SERVER}/postgres` })
      await admin.connect()
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
      await admin.end()
    },
  }
}

/**
 * An empty PGlite started once: a start costs 15-20 s of CPU on a busy 2-core machine, a clone of a
 * started one a tenth of that.
 */
let pristine: Promise<PGlite> | undefined

/** An in-memory PGlite behind pglite-socket, as the app's embedded database runs. */
async function freshPgliteServer(): Promise<Target> {
  pristine ??= PGlite.create()
  // clone() is typed as the interface but returns a PGlite, which the socket server needs.
  const db = (await (await pristine).clone()) as PGlite
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 10 })
  await server.start()
  const port = server.getServerConn().split(':').pop()
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    dispose: async () => {
      await server.stop()
      await db.close()
    },
  }
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return (await client.query<T>(sql)).rows
  } finally {
    await client.end()
  }
}

const DATASOURCE = 'datasource db {\n  provider = "postgresql"\n}\n'
const USER_MODEL = `model User {
  id    Int    @id @default(autoincrement())
  email String @unique
  kind  String @default("a") @db.Char(1)
}
`
const POST_MODEL = `model Post {
  id    Int    @id @default(autoincrement())
  title String
}
`

const HAND_WRITTEN = `CREATE TABLE "Note" ("id" SERIAL PRIMARY KEY, "body" TEXT NOT NULL);
-- A semicolon inside a function body must not split the script.
CREATE FUNCTION note_marker() RETURNS text AS $$ BEGIN RETURN 'a;b'; END; $$ LANGUAGE plpgsql;
`

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')

// Everything here (the engine's WASM, every PGlite, the test itself) runs on one thread, and `migrate
// dev` builds two shadow databases per call. Measured on a 2-core machine at load 10-14: starting the
// shadows' first PGlite took 15-19 s, each clone 2-4 s, so a `dev` test with three calls neared 45 s
// and timed out at 60 s in a busy CI run. The one-time starts are paid in beforeAll (with their own
// budget), and the tests that call `migrate dev` get a budget for the slowest machine we run on.
const ENGINE_START_BUDGET = 180_000
const MIGRATE_DEV_BUDGET = 180_000

beforeAll(async () => {
  pristine ??= PGlite.create()
  await Promise.all([warmUpShadowDatabase(), pristine])
}, ENGINE_START_BUDGET)

afterAll(async () => {
  await (await pristine)?.close()
})

describe.each([
  { database: 'PostgreSQL server', fresh: freshServerDatabase },
  { database: 'PGlite over the wire', fresh: freshPgliteServer },
])('offline migrations on $database', { timeout: 60_000 }, ({ fresh }) => {
  let target: Target
  let dir: string
  let migrationsDir: string

  beforeEach(async () => {
    target = await fresh()
    dir = await mkdtemp(path.join(tmpdir(), 'pisee-engine-'))
    migrationsDir = path.join(dir, 'migrations')
  })
  afterEach(async () => {
    await target.dispose()
    await rm(dir, { recursive: true, force: true })
  })

  async function addMigration(name: string, sql: string): Promise<string> {
    await mkdir(path.join(migrationsDir, name), { recursive: true })
    const file = path.join(migrationsDir, name, 'migration.sql')
    await writeFile(file, sql)
    return file
  }

  async function writeSchema(...models: string[]): Promise<string> {
    const schemaPath = path.join(dir, 'schema.prisma')
    await writeFile(schemaPath, DATASOURCE + models.join('\n'))
    return schemaPath
  }

  const migrationRows = (url: string) =>
    query<{
      migration_name: string
      checksum: string
      finished_at: Date | null
      logs: string | null
      applied_steps_count: number
    }>(
      url,
      'SELECT migration_name, checksum, finished_at, logs, applied_steps_count FROM _prisma_migrations ORDER BY started_at',
    )

  test('deploy applies a migration and records it with the SHA-256 of migration.sql', async () => {
    const file = await addMigration('20250101000000_notes', HAND_WRITTEN)

    expect(await migrateDeploy({ databaseUrl: target.url, migrationsDir })).toEqual({
      applied: ['20250101000000_notes'],
    })

    const [row, ...others] = await migrationRows(target.url)
    expect(others).toEqual([])
    expect(row).toMatchObject({
      migration_name: '20250101000000_notes',
      checksum: sha256(await readFile(file)),
      logs: null,
      applied_steps_count: 1,
    })
    expect(row?.finished_at).toBeInstanceOf(Date)
    expect(await query(target.url, 'SELECT note_marker() AS m')).toEqual([{ m: 'a;b' }])
  })

  test('deploy is idempotent, also when called concurrently', async () => {
    await addMigration('20250101000000_notes', HAND_WRITTEN)

    const results = await Promise.all([
      migrateDeploy({ databaseUrl: target.url, migrationsDir }),
      migrateDeploy({ databaseUrl: target.url, migrationsDir }),
    ])
    expect(results.flatMap((r) => r.applied)).toEqual(['20250101000000_notes'])
    expect(await migrateDeploy({ databaseUrl: target.url, migrationsDir })).toEqual({ applied: [] })
    expect(await migrationRows(target.url)).toHaveLength(1)
  })

  test('a broken migration throws, is rolled back and is not recorded as finished', async () => {
    await addMigration('20250101000000_notes', HAND_WRITTEN)
    await addMigration('20250102000000_broken', 'CREATE TABLE "Half" (id int);\nSELECT * FROM "Missing";\n')

    await expect(migrateDeploy({ databaseUrl: target.url, migrationsDir })).rejects.toThrow(
      /at 20250102000000_broken:[^]*Missing/,
    )

    const rows = await migrationRows(target.url)
    expect(rows.map((r) => [r.migration_name, r.finished_at === null])).toEqual([
      ['20250101000000_notes', false],
      ['20250102000000_broken', true],
    ])
    expect(rows[1]?.logs).toMatch(/Missing/)
    // The whole script ran as one transaction, so its first statement was undone too.
    expect(await query(target.url, `SELECT to_regclass('"Half"') AS t`)).toEqual([{ t: null }])
    // Until resolved by hand, every later deploy refuses to run.
    await expect(migrateDeploy({ databaseUrl: target.url, migrationsDir })).rejects.toThrow(/failed migrations/)
    expect(await migrateStatus({ databaseUrl: target.url, migrationsDir })).toMatchObject({
      applied: ['20250101000000_notes'],
      failed: ['20250102000000_broken'],
    })
  })

  test('status reports pending and edited migrations', async () => {
    const file = await addMigration('20250101000000_notes', HAND_WRITTEN)
    await migrateDeploy({ databaseUrl: target.url, migrationsDir })
    expect(await migrateStatus({ databaseUrl: target.url, migrationsDir })).toEqual({
      local: ['20250101000000_notes'],
      applied: ['20250101000000_notes'],
      pending: [],
      failed: [],
      edited: [],
      missingLocally: [],
    })

    await writeFile(file, `${HAND_WRITTEN}-- edited after it was applied\n`)
    await addMigration('20250102000000_more', 'ALTER TABLE "Note" ADD COLUMN "title" TEXT;\n')
    expect(await migrateStatus({ databaseUrl: target.url, migrationsDir })).toMatchObject({
      applied: ['20250101000000_notes'],
      pending: ['20250102000000_more'],
      edited: ['20250101000000_notes'],
    })
  })

  test(
    'dev generates, writes and applies a migration for each schema change',
    { timeout: MIGRATE_DEV_BUDGET },
    async () => {
      const schemaPath = await writeSchema(USER_MODEL)

      const first = await migrateDev({ databaseUrl: target.url, schemaPath, migrationsDir, name: 'init' })
      expect(first.created).toMatch(/^\d{14}_init$/)
      expect(first.applied).toEqual([first.created])
      const script = await readFile(path.join(migrationsDir, first.created!, 'migration.sql'), 'utf8')
      expect(script).toContain('CREATE TABLE "User"')
      expect(await readFile(path.join(migrationsDir, 'migration_lock.toml'), 'utf8')).toContain(
        'provider = "postgresql"',
      )

      // No change: nothing is written.
      expect(await migrateDev({ databaseUrl: target.url, schemaPath, migrationsDir, name: 'noop' })).toEqual({
        created: null,
        applied: [],
      })

      // The schema may be split into a folder of .prisma files.
      const schemaDir = path.join(dir, 'schema')
      await mkdir(schemaDir)
      await writeFile(path.join(schemaDir, 'schema.prisma'), DATASOURCE + USER_MODEL)
      await writeFile(path.join(schemaDir, 'post.prisma'), POST_MODEL)
      const second = await migrateDev({
        databaseUrl: target.url,
        schemaPath: schemaDir,
        migrationsDir,
        name: 'Add posts!',
      })
      expect(second.created).toMatch(/^\d{14}_add_posts$/)
      expect(second.applied).toEqual([second.created])
      expect(await query(target.url, 'SELECT count(*)::int AS n FROM "Post"')).toEqual([{ n: 0 }])
      expect((await migrateStatus({ databaseUrl: target.url, migrationsDir })).applied).toEqual([
        first.created,
        second.created,
      ])
    },
  )

  test(
    'drift is empty when the database matches the schema and SQL when the schema gains a model',
    { timeout: MIGRATE_DEV_BUDGET },
    async () => {
      const schemaPath = await writeSchema(USER_MODEL)
      await migrateDev({ databaseUrl: target.url, schemaPath, migrationsDir, name: 'init' })
      expect(await schemaDrift({ databaseUrl: target.url, schemaPath })).toBe('')

      await writeSchema(USER_MODEL, POST_MODEL)
      expect(await schemaDrift({ databaseUrl: target.url, schemaPath })).toContain('CREATE TABLE "Post"')
    },
  )
})

describe('separate processes on a PostgreSQL server', { timeout: 60_000 }, () => {
  test('concurrent `cli.ts deploy` runs apply each migration once (advisory lock)', async () => {
    const target = await freshServerDatabase()
    const dir = await mkdtemp(path.join(tmpdir(), 'pisee-engine-'))
    try {
      const migrationsDir = path.join(dir, 'migrations')
      await mkdir(path.join(migrationsDir, '20250101000000_slow'), { recursive: true })
      await writeFile(
        path.join(migrationsDir, '20250101000000_slow', 'migration.sql'),
        'CREATE TABLE "Slow" (id int);\nSELECT pg_sleep(0.5);\n',
      )
      const cli = path.join(import.meta.dirname, 'cli.ts')
      const run = () =>
        promisify(execFile)(process.execPath, ['--import', 'tsx', cli, 'deploy', '--migrations-dir', migrationsDir], {
          env: { ...process.env, DATABASE_URL: target.url },
        })
      const outputs = (await Promise.all([run(), run(), run()])).map((r) => r.stdout)
      expect(outputs.filter((o) => o.includes('Applied 1 migration'))).toHaveLength(1)
      expect(outputs.filter((o) => o.includes('No pending migrations'))).toHaveLength(2)
      expect(await query(target.url, 'SELECT count(*)::int AS n FROM _prisma_migrations')).toEqual([{ n: 1 }])
    } finally {
      await target.dispose()
      await rm(dir, { recursive: true, force: true })
    }
  })
})

describe('WASM and bindings pin check', () => {
  const wasm = new WebAssembly.Module(readFileSync(schemaEngineWasmPath()))

  test('the installed bindings provide every import of the installed WASM', async () => {
    const bindings = (await import('@prisma/schema-engine-wasm/schema_engine_bg')) as unknown as Record<string, unknown>
    expect(() => assertBindingsMatch(wasm, bindings, 'schema_engine_bg.wasm')).not.toThrow()
  })

  test('drifted bindings fail loudly', () => {
    expect(() => assertBindingsMatch(wasm, {}, 'schema_engine_bg.wasm')).toThrow(/SCHEMA ENGINE VERSION MISMATCH/)
  })
})
