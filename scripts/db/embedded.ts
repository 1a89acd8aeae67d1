/**
 * The embedded PostgreSQL: PGlite (PostgreSQL compiled to WASM) keeping its data in a folder and
 * served over the PostgreSQL wire protocol, so the portal talks to it through adapter-pg exactly as
 * it talks to a real server. One process owns the folder: two processes opening the same folder
 * corrupt each other's view, so a lock file refuses a second owner.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { PGLiteSocketServer } from '@electric-sql/pglite-socket'

export type EmbeddedPostgres = { url: string; stop(): Promise<void> }

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/** `dataDir` undefined keeps the data in memory (tests). */
export async function startEmbeddedPostgres({
  dataDir,
  port,
}: {
  dataDir?: string
  port: number
}): Promise<EmbeddedPostgres> {
  let lockFile: string | undefined
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true })
    lockFile = path.join(path.dirname(dataDir), `${path.basename(dataDir)}.lock`)
    try {
      const owner = Number(readFileSync(lockFile, 'utf8'))
      if (owner && owner !== process.pid && processIsAlive(owner)) {
        throw new Error(`The embedded database in ${dataDir} is already in use by process ${owner}.`)
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    }
    writeFileSync(lockFile, String(process.pid))
  }

  const db = await PGlite.create(dataDir ? { dataDir } : {})
  // Prisma's pool opens several connections; PGlite runs their queries one at a time.
  const server = new PGLiteSocketServer({ db, port, host: '127.0.0.1', maxConnections: 64 })
  await server.start()

  let stopped = false
  return {
    url: `postgresql://postgres:postgres@127.0.0.1:${port}/postgres?sslmode=disable`,
    async stop() {
      if (stopped) return
      stopped = true
      await server.stop()
      await db.close()
      if (lockFile) rmSync(lockFile, { force: true })
    },
  }
}
