/**
 * A replica's job runner in its own process, for lib/jobs/runner.test.ts: runs one test job every
 * JOB_EVERY_MS for RUN_FOR_MS against DATABASE_URL. Each run records the due time it ran for and this
 * process's id in "JobTestEffect", after a pause that keeps the run open while the others tick.
 */
import { createPrismaClient } from '@/lib/db/client'
import { startJobRunner } from '@/lib/jobs/runner'
import { currentLogContext } from '@/lib/log/logger'

const db = createPrismaClient(process.env.DATABASE_URL!)
const everyMs = Number(process.env.JOB_EVERY_MS ?? 1000)
const runForMs = Number(process.env.RUN_FOR_MS ?? 4000)
const name = process.env.JOB_NAME ?? 'test-once'

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

await new Promise((resolve) => setTimeout(resolve, runForMs))
await runner.stop({ timeoutMs: 5000 })
await db.$disconnect()
process.exit(0)
