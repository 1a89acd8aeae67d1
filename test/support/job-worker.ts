/**
 * A replica's job runner in its own process, for lib/jobs/runner.test.ts: runs one test job every
 * JOB_EVERY_MS against DATABASE_URL until RUNS due times have run (RUN_FOR_MS at most), from the moment it reads a line on stdin (so that
 * processes that took different times to start run together); it prints "ready" when loaded. Each run records the due time it ran for and this
 * process's id in "JobTestEffect", after a pause that keeps the run open while the others tick.
 */
import { createPrismaClient } from '@/lib/db/client'
import { startJobRunner } from '@/lib/jobs/runner'
import { currentLogContext } from '@/lib/log/logger'

const db = createPrismaClient(process.env.DATABASE_URL!)
const everyMs = Number(process.env.JOB_EVERY_MS ?? 1000)
const runForMs = Number(process.env.RUN_FOR_MS ?? 4000)
const name = process.env.JOB_NAME ?? 'test-once'

// Loaded, and the client's first query (the query compiler's start) done.
await db.jobRun.count({ where: { job: name } })
process.stdout.write('ready\n')
await new Promise((resolve) => process.stdin.once('data', resolve))

const runner = startJobRunner({
  db,
  tickMs: 50,
  jobs: [
    {
      name,
      everyMs,
      run: async () => {
        const dueAt = new Date(currentLogContext().dueAt!)
        await new Promise((resolve) => setTimeout(resolve, 150))
        await db.$executeRaw`INSERT INTO "JobTestEffect" ("dueAt", pid) VALUES (${dueAt}, ${process.pid})`
        return { recorded: 1 }
      },
    },
  ],
})

// Until RUNS due times have run (whoever ran them), or RUN_FOR_MS at most.
const runs = Number(process.env.RUNS ?? 3)
const until = Date.now() + runForMs
while (Date.now() < until) {
  if ((await db.jobRun.count({ where: { job: name, finishedAt: { not: null } } })) >= runs) break
  await new Promise((resolve) => setTimeout(resolve, 100))
}
await runner.stop({ timeoutMs: 5000 })
await db.$disconnect()
process.exit(0)
