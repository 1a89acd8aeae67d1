/**
 * The scheduled-job runner. Every replica runs one (instrumentation.ts starts it); each due time of
 * each job runs once across all of them:
 *
 * - A job's due times are the multiples of its period (`everyMs`) since the epoch; at each tick a
 *   replica computes the current one for each job and claims it by inserting the row
 *   JobRun(job, dueAt), which is unique: one INSERT … ON CONFLICT DO NOTHING, atomic on PostgreSQL
 *   and on the embedded PGlite alike. The replica whose insert went in runs the job; the others see
 *   the row and skip. (An advisory lock would not do: the embedded database serves every connection
 *   from one backend, where every session holds every lock. docs/decisions/020-jobs-and-replicas.md.)
 * - The claim carries a lease (`leaseUntil`) that the runner renews while the job runs. If its
 *   replica dies, the lease runs out and another replica takes the same due time over.
 * - On shutdown, `stop()` waits for a running job up to a limit; past it the claim is handed back
 *   (the row deleted) so another replica runs that due time again. Jobs are idempotent.
 *
 * A due time missed while no replica ran is not caught up one by one: the next one runs, and jobs are
 * written to do whatever is outstanding at `now`.
 */
import { hostname } from 'node:os'
import type { Db } from '@/lib/db/client'
import { log, runWithLogContext } from '@/lib/log/logger'
import { metrics } from '@/lib/server/metrics'

export type Job = {
  /** Unique, stable: it is the key of the job's runs. */
  name: string
  /** The period: the job is due at every multiple of it since the epoch. */
  everyMs: number
  /** Idempotent; returns counts for the log and the run's row. */
  run: (now: Date) => Promise<unknown>
  /** How long a claim holds without renewal (default 5 minutes); renewed every third of it while running. */
  leaseMs?: number
}

export type JobRunner = {
  /** Stops ticking; waits up to `timeoutMs` for a running job, then hands its claim back. */
  stop(options?: { timeoutMs?: number }): Promise<void>
  /** Resolves when no job is running (for tests). */
  idle(): Promise<void>
}

const DEFAULT_LEASE_MS = 5 * 60_000

/** The due time of `job` that `now` falls in. */
export function dueTime(job: Pick<Job, 'everyMs'>, now: Date): Date {
  return new Date(Math.floor(now.getTime() / job.everyMs) * job.everyMs)
}

export function replicaId(): string {
  return `${hostname()}:${process.pid}`
}

/**
 * Claims (job, dueAt) for `owner`: a new row, or a row whose claim's lease ran out without the run
 * finishing. Returns the row id, or null when another replica has it or it has run.
 */
export async function claimRun(db: Db, job: Job, dueAt: Date, owner: string): Promise<string | null> {
  const leaseMs = job.leaseMs ?? DEFAULT_LEASE_MS
  const inserted = await db.$queryRaw<{ id: string }[]>`
    INSERT INTO "JobRun" (id, job, "dueAt", owner, "startedAt", "leaseUntil", status)
    VALUES (${`jr_${crypto.randomUUID()}`}, ${job.name}, ${dueAt}, ${owner}, now(),
            now() + make_interval(secs => ${leaseMs / 1000}), 'running')
    ON CONFLICT (job, "dueAt") DO NOTHING
    RETURNING id`
  if (inserted[0]) return inserted[0].id
  const taken = await db.$queryRaw<{ id: string }[]>`
    UPDATE "JobRun"
       SET owner = ${owner}, "startedAt" = now(), "leaseUntil" = now() + make_interval(secs => ${leaseMs / 1000}),
           status = 'running', error = NULL
     WHERE job = ${job.name} AND "dueAt" = ${dueAt} AND "finishedAt" IS NULL AND "leaseUntil" < now()
    RETURNING id`
  return taken[0]?.id ?? null
}

async function renewLease(db: Db, id: string, owner: string, leaseMs: number): Promise<void> {
  await db.$executeRaw`
    UPDATE "JobRun" SET "leaseUntil" = now() + make_interval(secs => ${leaseMs / 1000})
     WHERE id = ${id} AND owner = ${owner} AND "finishedAt" IS NULL`
}

async function finishRun(db: Db, id: string, owner: string, outcome: { result?: unknown; error?: string }) {
  const status = outcome.error === undefined ? 'succeeded' : 'failed'
  const result = outcome.result === undefined ? null : JSON.stringify(outcome.result)
  await db.$executeRaw`
    UPDATE "JobRun" SET "finishedAt" = now(), status = ${status}, result = ${result}::jsonb, error = ${outcome.error ?? null}
     WHERE id = ${id} AND owner = ${owner}`
}

async function handBack(db: Db, id: string, owner: string) {
  await db.$executeRaw`DELETE FROM "JobRun" WHERE id = ${id} AND owner = ${owner} AND "finishedAt" IS NULL`
}

/** Starts claiming and running `jobs` every `tickMs`. */
export function startJobRunner(options: { db: Db; jobs: readonly Job[]; tickMs?: number; owner?: string }): JobRunner {
  const { db, jobs } = options
  const tickMs = options.tickMs ?? 15_000
  const owner = options.owner ?? replicaId()
  // Only to spare queries: the due time this replica last saw finished, per job. Nothing another
  // replica needs lives here; the rows in JobRun are the truth.
  const settled = new Map<string, number>()
  let stopped = false
  let timer: NodeJS.Timeout | undefined
  let running: { handBack: () => Promise<void> } | null = null

  async function runOne(job: Job, dueAt: Date): Promise<void> {
    const id = await claimRun(db, job, dueAt, owner)
    if (!id) {
      const row = await db.jobRun.findUnique({
        where: { job_dueAt: { job: job.name, dueAt } },
        select: { finishedAt: true },
      })
      if (row?.finishedAt) settled.set(job.name, dueAt.getTime())
      return
    }
    const leaseMs = job.leaseMs ?? DEFAULT_LEASE_MS
    const heartbeat = setInterval(() => {
      renewLease(db, id, owner, leaseMs).catch((error: unknown) => log.warn({ err: error }, 'job lease renewal failed'))
    }, leaseMs / 3)
    heartbeat.unref()
    const started = performance.now()
    const context = { job: job.name, dueAt: dueAt.toISOString() }
    let handedBack = false
    running = {
      handBack: async () => {
        handedBack = true
        clearInterval(heartbeat)
        await handBack(db, id, owner)
        metrics().jobRuns.inc({ job: job.name, outcome: 'handed_back' })
        runWithLogContext(context, () => log.warn('job run handed back at shutdown: another replica will run it'))
      },
    }
    await runWithLogContext(context, async () => {
      try {
        const result = await job.run(new Date())
        if (handedBack) return
        await finishRun(db, id, owner, { result })
        metrics().jobRuns.inc({ job: job.name, outcome: 'succeeded' })
        log.info({ result, durationMs: Math.round(performance.now() - started) }, 'job run succeeded')
      } catch (error) {
        if (handedBack) return
        const message = error instanceof Error ? error.message : String(error)
        await finishRun(db, id, owner, { error: message }).catch(() => {})
        metrics().jobRuns.inc({ job: job.name, outcome: 'failed' })
        log.error({ err: error, durationMs: Math.round(performance.now() - started) }, 'job run failed')
      } finally {
        clearInterval(heartbeat)
        running = null
        metrics().jobDuration.observe({ job: job.name }, (performance.now() - started) / 1000)
        settled.set(job.name, dueAt.getTime())
      }
    })
  }

  async function tick(): Promise<void> {
    for (const job of jobs) {
      if (stopped) return
      const dueAt = dueTime(job, new Date())
      if (settled.get(job.name) === dueAt.getTime()) continue
      try {
        await runOne(job, dueAt)
      } catch (error) {
        log.error({ err: error, job: job.name }, 'job runner could not claim a run')
      }
    }
  }

  let ticking: Promise<void> = Promise.resolve()
  function schedule() {
    if (stopped) return
    timer = setTimeout(() => {
      ticking = tick().finally(schedule)
    }, tickMs)
    timer.unref()
  }
  ticking = tick().finally(schedule)

  return {
    async stop({ timeoutMs = 10_000 } = {}) {
      stopped = true
      clearTimeout(timer)
      const finished = await Promise.race([
        ticking.then(() => true),
        new Promise<boolean>((resolve) => setTimeout(() => resolve(false), timeoutMs).unref()),
      ])
      if (!finished) await running?.handBack()
    },
    async idle() {
      await ticking
    },
  }
}
