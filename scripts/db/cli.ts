// Offline replacement for `prisma migrate dev | deploy | status` (see docs/decisions/001-offline-migrations.md).
//   tsx scripts/db/cli.ts dev --name <name> [--accept-data-loss]   (npm run db:migrate -- --name <name>)
//   tsx scripts/db/cli.ts deploy                                   (npm run db:deploy)
//   tsx scripts/db/cli.ts status                                   (npm run db:status)
//   tsx scripts/db/cli.ts drift
// Options: --schema <file or folder> (default prisma/schema.prisma), --migrations-dir <dir> (default
// prisma/migrations). The database is DATABASE_URL.
import path from 'node:path'
import { parseArgs } from 'node:util'
import { DEFAULT_MIGRATIONS_DIR, migrateDeploy, migrateDev, migrateStatus, schemaDrift } from './engine.ts'

const USAGE = `Usage: tsx scripts/db/cli.ts <dev --name <name> [--accept-data-loss] | deploy | status | drift>
         [--schema <file or folder>] [--migrations-dir <dir>]
The database is taken from DATABASE_URL.`

function list(title: string, names: string[]): string {
  return names.length === 0 ? '' : `${title}:\n${names.map((n) => `  ${n}`).join('\n')}\n`
}

/** Runs a command and returns the process exit code. */
async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      'accept-data-loss': { type: 'boolean', default: false },
      schema: { type: 'string' },
      'migrations-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  const [command] = positionals
  if (values.help || !command) {
    console.log(USAGE)
    return values.help ? 0 : 2
  }

  const databaseUrl = process.env.DATABASE_URL
  if (!databaseUrl) {
    console.error(
      'DATABASE_URL is not set: export the database to migrate, e.g.\n' +
        '  DATABASE_URL=postgresql://postgres@127.0.0.1:5432/pisee npm run db:deploy',
    )
    return 2
  }
  const migrationsDir = values['migrations-dir'] ?? DEFAULT_MIGRATIONS_DIR
  const relativeDir = path.relative(process.cwd(), path.resolve(migrationsDir))
  const shownDir = relativeDir.startsWith('..') ? path.resolve(migrationsDir) : relativeDir || '.'
  const target = redactPassword(databaseUrl)

  switch (command) {
    case 'deploy': {
      const { applied } = await migrateDeploy({ databaseUrl, migrationsDir })
      console.log(
        applied.length === 0
          ? `No pending migrations in ${shownDir}: ${target} is up to date.`
          : `${list(`Applied ${applied.length} migration(s) from ${shownDir} to ${target}`, applied)}`.trimEnd(),
      )
      return 0
    }
    case 'dev': {
      if (!values.name) {
        console.error('dev needs a migration name: --name <name>  (e.g. npm run db:migrate -- --name add_users)')
        return 2
      }
      const { created, applied } = await migrateDev({
        databaseUrl,
        migrationsDir,
        schemaPath: values.schema,
        name: values.name,
        acceptDataLoss: values['accept-data-loss'],
      })
      const appliedBefore = applied.filter((n) => n !== created)
      process.stdout.write(list(`Applied pending migration(s) to ${target}`, appliedBefore))
      console.log(
        created
          ? `Created and applied ${path.join(shownDir, created, 'migration.sql')}`
          : 'The Prisma schema and the migrations agree: no new migration.',
      )
      return 0
    }
    case 'status': {
      const status = await migrateStatus({ databaseUrl, migrationsDir })
      process.stdout.write(
        `${status.local.length} migration(s) in ${shownDir}, database ${target}\n` +
          list('Applied', status.applied) +
          list('Pending (run db:deploy)', status.pending) +
          list('FAILED (fix the database by hand, then mark it resolved)', status.failed) +
          list('EDITED after being applied (checksum differs from the database)', status.edited) +
          list('Applied in the database but missing from the folder', status.missingLocally),
      )
      const healthy =
        status.pending.length + status.failed.length + status.edited.length + status.missingLocally.length === 0
      if (healthy) console.log('Database schema is up to date.')
      return healthy ? 0 : 1
    }
    case 'drift': {
      const sql = await schemaDrift({ databaseUrl, schemaPath: values.schema })
      if (!sql) {
        console.log(`${target} matches the Prisma schema.`)
        return 0
      }
      console.log(`${target} differs from the Prisma schema. SQL that would bring it in line:\n\n${sql}`)
      return 1
    }
    default:
      console.error(`Unknown command ${JSON.stringify(command)}.\n${USAGE}`)
      return 2
  }
}

function redactPassword(databaseUrl: string): string {
  const url = new URL(databaseUrl)
  if (url.password) url.password = '***'
  return url.toString()
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error)
    process.exitCode = 1
  },
)
