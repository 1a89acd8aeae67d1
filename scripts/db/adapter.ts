// The database side of the WASM schema engine: a driver-adapter factory built on @prisma/adapter-pg,
// with the fixes the engine needs (see docs/decisions/001-offline-migrations.md).
import { PGlite } from '@electric-sql/pglite'
import { PGLiteSocketServer } from '@electric-sql/pglite-socket'
import { PrismaPg } from '@prisma/adapter-pg'
import {
  ColumnTypeEnum,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQueryable,
} from '@prisma/driver-adapter-utils'
import pg from 'pg'

/** PostgreSQL's internal one-byte `"char"` type, used by catalog columns the engine introspects. */
const CHAR_OID = 18
const TEXT_OID = 25

type QueryResults = pg.QueryResult | pg.QueryResult[]

/**
 * Positions of the `"char"` columns of a result, keyed by its rows array, which adapter-pg hands on
 * unchanged from pg's result to its own.
 */
const charColumnsOf = new WeakMap<unknown[], number[]>()

/**
 * adapter-pg refuses result columns of type `"char"` ("Column type 'char' could not be deserialized"),
 * and the engine's introspection queries return some (pg_constraint.contype, pg_class.relkind, …).
 * pg already parses their values as one-character strings, so the column is relabelled as text for
 * adapter-pg, and its position remembered so that the adapter wrapper can report it to the engine as
 * a character column, which is what the engine reads (`get_expect_char`). This sits in the pg client
 * so it covers both pool queries and queries inside transactions.
 */
class CharAsTextClient extends pg.Client {
  // pg's query() has many overloads; the ones adapter-pg uses are (config), (config, values, callback).
  override query(...args: unknown[]): never {
    const [config] = args
    if (config && typeof (config as { submit?: unknown }).submit === 'function') {
      return (super.query as (...a: unknown[]) => never)(...args)
    }
    const last = args.length - 1
    const callback = args[last]
    if (last > 0 && typeof callback === 'function') {
      args[last] = (err: Error | null, res: QueryResults) => callback(err, err ? res : relabelCharColumns(res))
      return (super.query as (...a: unknown[]) => never)(...args)
    }
    const result = (super.query as (...a: unknown[]) => unknown)(...args) as Promise<QueryResults>
    return result.then(relabelCharColumns) as never
  }
}

function relabelCharColumns(results: QueryResults): QueryResults {
  for (const result of Array.isArray(results) ? results : [results]) {
    const charColumns: number[] = []
    result?.fields?.forEach((field, i) => {
      if (field.dataTypeID !== CHAR_OID) return
      field.dataTypeID = TEXT_OID
      charColumns.push(i)
    })
    if (charColumns.length > 0) charColumnsOf.set(result.rows, charColumns)
  }
  return results
}

/** Second half of the `"char"` fix: report the remembered columns as character columns. */
function withCharColumns(queryRaw: SqlQueryable['queryRaw']): SqlQueryable['queryRaw'] {
  return async (query) => {
    const resultSet = await queryRaw(query)
    for (const i of charColumnsOf.get(resultSet.rows) ?? []) resultSet.columnTypes[i] = ColumnTypeEnum.Character
    return resultSet
  }
}

function createPool(config: pg.PoolConfig): pg.Pool {
  const pool = new pg.Pool({
    ...config,
    Client: CharAsTextClient,
    // One session, as the native engine uses: its pg_advisory_lock/unlock pair must run on the same
    // connection, and that connection must not be closed for idleness while the lock is held.
    max: 1,
    idleTimeoutMillis: 0,
  })
  // An idle connection closed by the server (a restart, a dropped database) must not crash the
  // process; the pool discards it and the next query opens a new one.
  pool.on('error', () => {})
  return pool
}

/**
 * adapter-pg's executeScript splits the script on every ';' and runs the pieces one by one, which
 * breaks on semicolons inside strings or function bodies and leaves a failed migration half applied.
 * The native engine sends a migration as one simple-protocol query, which PostgreSQL runs in a single
 * implicit transaction; executeRaw with no parameters does exactly that (and keeps adapter-pg's error
 * mapping, so failures reach the engine and end up in `_prisma_migrations.logs`).
 */
async function connectAdapter(pool: pg.Pool, close: () => Promise<void>): Promise<SqlDriverAdapter> {
  const adapter = await new PrismaPg(pool).connect()
  return {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    queryRaw: withCharColumns((query) => adapter.queryRaw(query)),
    executeRaw: (query) => adapter.executeRaw(query),
    startTransaction: async (isolationLevel) => {
      const transaction = await adapter.startTransaction(isolationLevel)
      // Transaction methods use `this`: keep the object, replace only its queryRaw.
      transaction.queryRaw = withCharColumns(transaction.queryRaw.bind(transaction))
      return transaction
    },
    getConnectionInfo: () => adapter.getConnectionInfo(),
    executeScript: async (script) => {
      await adapter.executeRaw({ sql: script, args: [], argTypes: [] })
    },
    dispose: async () => {
      await adapter.dispose()
      await close()
    },
  }
}

/**
 * An empty in-memory PGlite, started once per process: starting one takes seconds, cloning it half a
 * second, and `migrate dev` needs a new shadow database several times.
 */
let pristine: Promise<PGlite> | undefined
function pristinePglite(): Promise<PGlite> {
  pristine ??= PGlite.create().catch((error: unknown) => {
    pristine = undefined
    throw error
  })
  return pristine
}

/**
 * Starts the shadow databases' pristine PGlite now rather than inside the first `migrate dev`: on a
 * busy machine the start alone takes 15-20 s, which callers with a time budget should pay up front.
 */
export async function warmUpShadowDatabase(): Promise<void> {
  await pristinePglite()
}

/**
 * The shadow database: a fresh in-memory PGlite, served over the wire protocol on a random local
 * port so that it is reached through the very same adapter-pg code path as the real database. It
 * needs no server and no CREATE DATABASE right (and sidesteps adapter-pg's own shadow database, which
 * given a URL silently reuses the main database), and it disappears when disposed.
 */
async function connectToInMemoryShadowDb(): Promise<SqlDriverAdapter> {
  // clone() is typed as the interface but returns a PGlite, which the socket server needs.
  const db = (await (await pristinePglite()).clone()) as PGlite
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0 })
  await server.start()
  const port = Number(server.getServerConn().split(':').pop())
  const pool = createPool({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' })
  return connectAdapter(pool, async () => {
    await pool.end()
    await server.stop()
    await db.close()
  })
}

/**
 * The factory handed to the engine: the target database, plus an in-memory PGlite as shadow.
 * The engine holds its connections for its lifetime, and freeing it is a synchronous call that cannot
 * await their disposal, so every connection opened here is tracked and `close()` ends whatever is
 * still open once a command is done.
 */
export function createAdapterFactory(databaseUrl: string): {
  factory: SqlMigrationAwareDriverAdapterFactory
  close: () => Promise<void>
} {
  const open = new Set<SqlDriverAdapter>()
  const track = (adapter: SqlDriverAdapter): SqlDriverAdapter => {
    open.add(adapter)
    return {
      ...adapter,
      dispose: async () => {
        if (open.delete(adapter)) await adapter.dispose()
      },
    }
  }
  return {
    factory: {
      provider: 'postgres',
      adapterName: '@prisma/adapter-pg',
      connect: async () => {
        const pool = createPool({ connectionString: databaseUrl })
        return track(await connectAdapter(pool, () => pool.end()))
      },
      connectToShadowDb: async () => track(await connectToInMemoryShadowDb()),
    },
    close: async () => {
      const adapters = [...open]
      open.clear()
      await Promise.all(adapters.map((a) => a.dispose()))
    },
  }
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`
}

/**
 * Creates the database named in the URL if it does not exist, through the `postgres` database of
 * the same server. A server that ignores database names (PGlite over the socket) connects on the
 * first try, so nothing is created there.
 */
export async function ensureDatabaseExists(databaseUrl: string): Promise<void> {
  const probe = new pg.Client({ connectionString: databaseUrl })
  try {
    await probe.connect()
    return
  } catch (error) {
    if ((error as { code?: string }).code !== '3D000') throw error // 3D000: invalid_catalog_name
  } finally {
    await probe.end().catch(() => undefined)
  }

  const url = new URL(databaseUrl)
  const database = decodeURIComponent(url.pathname.slice(1))
  url.pathname = '/postgres'
  const admin = new pg.Client({ connectionString: url.toString() })
  await admin.connect()
  try {
    await admin.query(`CREATE DATABASE ${quoteIdent(database)}`)
  } catch (error) {
    // Another process created it first: 42P04 duplicate_database, or 23505 on pg_database's index.
    const code = (error as { code?: string }).code
    if (code !== '42P04' && code !== '23505') throw error
  } finally {
    await admin.end()
  }
}
