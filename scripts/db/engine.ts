// Offline `prisma migrate dev | deploy | status` and a drift check, driven by Prisma's own schema
// engine compiled to WASM (the native engine cannot be downloaded here). Migrations stay in Prisma's
// layout and in Prisma's `_prisma_migrations` table. Why and how: docs/decisions/001-offline-migrations.md
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils'
import type { SchemaContainer, SchemaEngine, SchemaFilter } from '@prisma/schema-engine-wasm'
import path from 'node:path'
import { createAdapterFactory, ensureDatabaseExists } from './adapter.ts'
import { DEFAULT_MIGRATIONS_DIR, defaultSchemaPath, readMigrations, readSchemaFiles, writeMigration } from './files.ts'
import { loadSchemaEngineWasm } from './wasm.ts'

export { DEFAULT_MIGRATIONS_DIR, defaultSchemaPath }

/** Nothing is managed outside the Prisma schema (prisma.config.ts `tables.external` / `enums.external`). */
const NO_FILTER: SchemaFilter = { externalTables: [], externalEnums: [] }

export interface MigrationStatus {
  /** Migration folders on disk, oldest first. */
  local: string[]
  /** Folders whose migration finished in the database. */
  applied: string[]
  /** Folders not yet applied. */
  pending: string[]
  /** Recorded as started but never finished (the database must be fixed by hand, then marked). */
  failed: string[]
  /** Applied, but their migration.sql changed since (checksum mismatch). */
  edited: string[]
  /** Applied in the database but with no folder on disk. */
  missingLocally: string[]
}

/**
 * Commands that write, chained per database within this process. On a real server the engine's
 * advisory lock already serializes them, across processes too; but PGlite serves every connection
 * from its single session, where an advisory lock never blocks, so concurrent callers would race.
 */
const writers = new Map<string, Promise<unknown>>()

function serialized<T>(databaseUrl: string, run: () => Promise<T>): Promise<T> {
  const next = (writers.get(databaseUrl) ?? Promise.resolve()).then(run, run)
  writers.set(databaseUrl, next)
  const forget = () => {
    if (writers.get(databaseUrl) === next) writers.delete(databaseUrl)
  }
  next.then(forget, forget)
  return next
}

/** Runs one command on a fresh engine instance, then releases the engine and every connection. */
async function withEngine<T>(
  databaseUrl: string,
  schemaFiles: SchemaContainer[] | undefined,
  run: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  const { SchemaEngine } = loadSchemaEngineWasm()
  const connections = createAdapterFactory(databaseUrl)
  const log = (line: string) => {
    if (process.env.DEBUG?.includes('schema-engine')) process.stderr.write(`${line}\n`)
  }
  let engine: SchemaEngine | undefined
  try {
    engine = await SchemaEngine.new(
      { datamodels: schemaFiles?.map((f): [string, string] => [f.path, f.content]) },
      log,
      bindMigrationAwareSqlAdapterFactory(connections.factory),
    )
    return await run(engine)
  } catch (error) {
    throw engineError(error)
  } finally {
    engine?.free()
    await connections.close()
  }
}

/** Engine errors carry a Rust span trace after the message ("   0: schema_engine_wasm::…"); drop it. */
function engineError(error: unknown): Error {
  if (!(error instanceof Error)) return new Error(String(error))
  const trace = error.message.search(/\n\s+0: \S+::/)
  if (trace >= 0) error.message = error.message.slice(0, trace).trimEnd()
  return error
}

/**
 * Applies the pending migrations, creating the database first if needed. Safe to call on every start:
 * nothing happens when all are applied, and concurrent callers are serialized by the engine's
 * advisory lock (plus an in-process queue, for PGlite). Throws when a migration fails (the failure is recorded in `_prisma_migrations`
 * with its logs and no finished_at) or when an earlier failed migration is still unresolved.
 */
export async function migrateDeploy(options: {
  databaseUrl: string
  migrationsDir?: string
}): Promise<{ applied: string[] }> {
  const migrationsDir = options.migrationsDir ?? DEFAULT_MIGRATIONS_DIR
  return serialized(options.databaseUrl, async () => {
    await ensureDatabaseExists(options.databaseUrl)
    const migrationsList = await readMigrations(migrationsDir)
    return withEngine(options.databaseUrl, undefined, async (engine) => {
      try {
        const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList, filters: NO_FILTER })
        return { applied: appliedMigrationNames }
      } catch (error) {
        // The engine names the failing migration only in the span trace that engineError drops.
        const failing = /migration_name="([^"]+)"/.exec(error instanceof Error ? error.message : '')?.[1]
        const where = failing ? ` at ${failing}` : ''
        throw new Error(`Applying migrations from ${migrationsDir} failed${where}:\n${engineError(error).message}`)
      }
    })
  })
}

/** Migration names as the prisma CLI accepts them: lower-case words joined by underscores. */
function migrationName(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 200)
  if (!slug) throw new Error(`Invalid migration name ${JSON.stringify(name)}: use letters, digits and underscores`)
  return slug
}

/**
 * The `prisma migrate dev` flow: apply pending migrations, then, if the Prisma schema differs from
 * what the migrations produce, write a new `<timestamp>_<name>` migration and apply it. The diff is
 * computed on an in-memory PGlite shadow database. Never resets the database: when the engine says a
 * reset is needed (drift, edited or failed migrations), it throws with the engine's reason. Data-loss
 * warnings (dropped columns, …) abort unless `acceptDataLoss` is set.
 */
export async function migrateDev(options: {
  databaseUrl: string
  name: string
  schemaPath?: string
  migrationsDir?: string
  acceptDataLoss?: boolean
}): Promise<{ created: string | null; applied: string[] }> {
  const migrationsDir = path.resolve(options.migrationsDir ?? DEFAULT_MIGRATIONS_DIR)
  const name = migrationName(options.name)
  const files = await readSchemaFiles(options.schemaPath ?? defaultSchemaPath())
  const schema = { files }

  return serialized(options.databaseUrl, async () => {
    await ensureDatabaseExists(options.databaseUrl)
    return withEngine(options.databaseUrl, files, async (engine) => {
      // The order matters: evaluateDataLoss and createMigration only get a shadow database once
      // devDiagnostic has run in the same engine instance.
      const migrationsList = await readMigrations(migrationsDir)
      const applied = (await engine.applyMigrations({ migrationsList, filters: NO_FILTER })).appliedMigrationNames

      const { action } = await engine.devDiagnostic({ migrationsList, filters: NO_FILTER })
      if (action.tag === 'reset') {
        throw new Error(
          `The database needs a reset before a new migration can be created:\n${action.reason}\n` +
            'This tool never resets on its own: drop and recreate the database (all its data is lost), then run again.',
        )
      }

      const dataLoss = await engine.evaluateDataLoss({ migrationsList, schema, filters: NO_FILTER })
      if (dataLoss.unexecutableSteps.length > 0) {
        throw new Error(`The migration cannot be applied to this database:\n${bulletList(dataLoss.unexecutableSteps)}`)
      }
      if (dataLoss.warnings.length > 0 && !options.acceptDataLoss) {
        throw new Error(
          `The migration would lose data:\n${bulletList(dataLoss.warnings)}\n` +
            'Run again accepting data loss (--accept-data-loss) if that is intended.',
        )
      }

      const migration = await engine.createMigration({
        draft: false,
        migrationName: name,
        migrationsList,
        schema,
        filters: NO_FILTER,
      })
      if (migration.migrationScript === null) return { created: null, applied }

      await writeMigration(migrationsDir, {
        name: migration.generatedMigrationName,
        extension: migration.extension,
        script: migration.migrationScript,
        provider: migration.connectorType,
      })
      const withNew = await readMigrations(migrationsDir)
      const again = await engine.applyMigrations({ migrationsList: withNew, filters: NO_FILTER })
      return { created: migration.generatedMigrationName, applied: [...applied, ...again.appliedMigrationNames] }
    })
  })
}

function bulletList(feedback: { message: string }[]): string {
  return feedback.map((f) => `  - ${f.message}`).join('\n')
}

/** Compares the migrations folder with `_prisma_migrations`. Read-only. */
export async function migrateStatus(options: {
  databaseUrl: string
  migrationsDir?: string
}): Promise<MigrationStatus> {
  const migrationsList = await readMigrations(options.migrationsDir ?? DEFAULT_MIGRATIONS_DIR)
  const local = migrationsList.migrationDirectories.map((d) => d.path)
  const diagnosis = await withEngine(options.databaseUrl, undefined, (engine) =>
    engine.diagnoseMigrationHistory({ migrationsList, optInToShadowDatabase: false, filters: NO_FILTER }),
  )
  const history = diagnosis.history
  const pending = history && 'unappliedMigrationNames' in history ? history.unappliedMigrationNames : []
  const missingLocally = history && 'unpersistedMigrationNames' in history ? history.unpersistedMigrationNames : []
  const failed = diagnosis.failedMigrationNames
  return {
    local,
    applied: local.filter((n) => !pending.includes(n) && !failed.includes(n)),
    pending,
    failed,
    edited: diagnosis.editedMigrationNames,
    missingLocally,
  }
}

/**
 * The SQL that would bring the database, as it is, to the Prisma schema: empty when they agree.
 * Read-only (it neither applies pending migrations nor changes anything).
 */
export async function schemaDrift(options: { databaseUrl: string; schemaPath?: string }): Promise<string> {
  const schemaPath = options.schemaPath ?? defaultSchemaPath()
  const files = await readSchemaFiles(schemaPath)
  const { stdout } = await withEngine(options.databaseUrl, files, (engine) =>
    engine.diff({
      // `schemaDatasource` means "the database this schema's datasource points to": through the
      // driver adapter, that is options.databaseUrl.
      from: { tag: 'schemaDatasource', files, configDir: path.dirname(path.resolve(schemaPath)) },
      to: { tag: 'schemaDatamodel', files },
      script: true,
      exitCode: null,
      filters: NO_FILTER,
    }),
  )
  return isEmptyScript(stdout ?? '') ? '' : (stdout ?? '').trim()
}

/** With no difference the engine still prints a placeholder comment ("-- This is an empty migration."). */
function isEmptyScript(script: string): boolean {
  return script
    .split('\n')
    .map((line) => line.trim())
    .every((line) => line === '' || line.startsWith('--'))
}
