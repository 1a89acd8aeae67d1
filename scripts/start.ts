/**
 * `npm start`: the portal on one command. Without DATABASE_URL it starts the embedded PostgreSQL
 * (data kept in .data/pglite) with demo mode on; with DATABASE_URL it uses that server and demo mode
 * stays off unless DEMO_MODE=true. Either way it applies migrations, seeds an empty database, builds
 * and serves on PORT (3000).
 *
 * EMBEDDED_DATA_DIR moves the embedded data folder; EMBEDDED_DATA_DIR=memory keeps it in memory
 * (the end-to-end tests start each run on a fresh, seeded database that way).
 *
 *   --dev        serve with `next dev` instead of building
 *   --no-build   serve the existing build (tests build once, then start many times)
 */
import { spawn, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { createPrismaClient } from '@/lib/db/client'
import { log } from '@/lib/log/logger'
import { seed } from '@/prisma/seed'
import { startEmbeddedPostgres, type EmbeddedPostgres } from './db/embedded'
import { migrateDeploy } from './db/engine'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const dataDir = path.join(root, '.data')
const args = new Set(process.argv.slice(2))
const dev = args.has('--dev')
const port = process.env.PORT ?? '3000'
const next = path.join(root, 'node_modules', '.bin', 'next')

/** A secret that survives restarts, so sessions do too; generated once per checkout. */
function authSecret(): string {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET
  const file = path.join(dataDir, 'auth-secret')
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true })
    writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 })
  }
  return readFileSync(file, 'utf8').trim()
}

let embedded: EmbeddedPostgres | undefined
let databaseUrl = process.env.DATABASE_URL
if (!databaseUrl) {
  const embeddedPort = Number(process.env.EMBEDDED_DB_PORT ?? 54329)
  const folder = process.env.EMBEDDED_DATA_DIR ?? path.join(dataDir, 'pglite')
  embedded = await startEmbeddedPostgres({ dataDir: folder === 'memory' ? undefined : folder, port: embeddedPort })
  databaseUrl = embedded.url
  log.info(
    { dataDir: folder === 'memory' ? 'memory' : path.relative(root, folder), port: embeddedPort },
    'embedded database started',
  )
}
// The domain code that the seed runs reads the URL from the environment, like the portal does.
process.env.DATABASE_URL = databaseUrl
if (embedded) process.env.DATABASE_POOL_MAX = '1'
const demoMode = process.env.DEMO_MODE ?? (embedded ? 'true' : 'false')

async function shutdown(code: number): Promise<never> {
  await embedded?.stop()
  process.exit(code)
}

try {
  const { applied } = await migrateDeploy({ databaseUrl })
  if (applied.length) log.info({ applied }, 'migrations applied')
  const db = createPrismaClient(databaseUrl)
  const seeded = await seed(db)
  if (seeded) log.info(seeded, 'demo data seeded')
  await db.$disconnect()
} catch (error) {
  log.fatal({ err: error }, 'could not prepare the database')
  await shutdown(1)
}

const env = {
  ...process.env,
  DATABASE_URL: databaseUrl,
  DATABASE_POOL_MAX: process.env.DATABASE_POOL_MAX ?? '',
  DEMO_MODE: demoMode,
  AUTH_SECRET: authSecret(),
  AUTH_TRUST_HOST: 'true',
  PORT: port,
  // The portal's own SIGTERM handling (lib/server/shutdown.ts) replaces Next.js's.
  NEXT_MANUAL_SIG_HANDLE: 'true',
}

if (!dev && !args.has('--no-build')) {
  const build = spawnSync(next, ['build'], { cwd: root, stdio: 'inherit', env: { ...env, NODE_ENV: 'production' } })
  if (build.status !== 0) await shutdown(build.status ?? 1)
}

const server = spawn(next, [dev ? 'dev' : 'start', '-p', port], { cwd: root, stdio: 'inherit', env })
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => server.kill(signal))
}
server.on('exit', (code) => void shutdown(code ?? 0))
