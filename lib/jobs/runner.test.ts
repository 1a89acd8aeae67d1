import { spawn } from 'node:child_process'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '@/lib/db/client'
import { claimRun, dueTime, startJobRunner, type Job } from './runner'

const root = path.resolve(import.meta.dirname, '../..')

beforeAll(async () => {
  await db.$executeRawUnsafe(
    'CREATE TABLE IF NOT EXISTS "JobTestEffect" ("dueAt" timestamptz NOT NULL, pid int NOT NULL)',
  )
})

afterAll(async () => {
  await db.$executeRawUnsafe('DROP TABLE IF EXISTS "JobTestEffect"')
})

/**
 * Starts test/support/job-worker.ts in its own process, as a replica runs its runner; `ready` resolves
 * once it has loaded, `go()` starts its runner, `exited` gives its exit code.
 */
function worker(env: Record<string, string>) {
  const child = spawn(path.join(root, 'node_modules', '.bin', 'tsx'), ['test/support/job-worker.ts'], {
    cwd: root,
    env: { ...process.env, ...env, LOG_LEVEL: 'silent' },
    stdio: ['pipe', 'pipe', 'inherit'],
  })
  const exited = new Promise<number>((resolve, reject) => {
    child.on('error', reject)
    child.on('exit', (code) => resolve(code ?? 1))
  })
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      if (String(chunk).includes('ready')) resolve()
    })
    void exited.then(() => reject(new Error('the worker exited before it was ready')))
  })
  return { ready, exited, go: () => child.stdin.write('go\n') }
}

describe('dueTime', () => {
  it('is the start of the period that now falls in', () => {
    const job = { everyMs: 60_000 }
    expect(dueTime(job, new Date('2026-11-30T14:05:59.999Z')).toISOString()).toBe('2026-11-30T14:05:00.000Z')
    expect(dueTime(job, new Date('2026-11-30T14:06:00.000Z')).toISOString()).toBe('2026-11-30T14:06:00.000Z')
  })
})

describe('the job runner across replicas', () => {
  it('runs each due time exactly once when three processes run it at once', async () => {
    const job = `three-replicas-${Date.now()}`
    const workers = [0, 1, 2].map(() => worker({ JOB_NAME: job, JOB_EVERY_MS: '1000', RUNS: '3', RUN_FOR_MS: '30000' }))
    await Promise.all(workers.map((w) => w.ready))
    for (const w of workers) w.go()
    expect(await Promise.all(workers.map((w) => w.exited))).toEqual([0, 0, 0])

    const effects = await db.$queryRaw<{ dueAt: Date; runs: number }[]>`
      SELECT "dueAt", count(*)::int AS runs FROM "JobTestEffect" e
       WHERE EXISTS (SELECT 1 FROM "JobRun" r WHERE r.job = ${job} AND r."dueAt" = e."dueAt")
       GROUP BY "dueAt" ORDER BY "dueAt"`
    const runs = await db.jobRun.findMany({ where: { job }, orderBy: { dueAt: 'asc' } })
    // All three run together until three due times have run, each claimed by all three at once.
    expect(runs.length).toBeGreaterThanOrEqual(3)
    expect(runs.every((run) => run.status === 'succeeded' && run.finishedAt)).toBe(true)
    expect(effects.map((e) => e.runs)).toEqual(runs.map(() => 1))
    expect(effects.map((e) => e.dueAt.toISOString())).toEqual(runs.map((r) => r.dueAt.toISOString()))
  }, 180_000)
})

describe('claims', () => {
  const job: Job = { name: `claims-${Date.now()}`, everyMs: 60_000, leaseMs: 1000, run: async () => ({}) }
  const dueAt = new Date('2026-11-30T12:00:00.000Z')

  it('lets one replica claim a due time, and another take it over only once the lease has run out', async () => {
    expect(await claimRun(db, job, dueAt, 'replica-a')).toEqual(expect.any(String))
    expect(await claimRun(db, job, dueAt, 'replica-b')).toBeNull()
    await db.jobRun.updateMany({ where: { job: job.name }, data: { leaseUntil: new Date(Date.now() - 1000) } })
    expect(await claimRun(db, job, dueAt, 'replica-b')).toEqual(expect.any(String))
    expect((await db.jobRun.findFirstOrThrow({ where: { job: job.name } })).owner).toBe('replica-b')
    await db.jobRun.updateMany({
      where: { job: job.name },
      data: { finishedAt: new Date(), status: 'succeeded', leaseUntil: new Date(0) },
    })
    expect(await claimRun(db, job, dueAt, 'replica-c')).toBeNull()
  })

  it('hands a running job back at shutdown when it outlasts the limit, so another replica runs that due time', async () => {
    let release!: () => void
    const slow: Job = {
      name: `slow-${Date.now()}`,
      everyMs: 3_600_000,
      run: () => new Promise((resolve) => (release = () => resolve({ done: 1 }))),
    }
    const runner = startJobRunner({ db, jobs: [slow], tickMs: 20, owner: 'replica-a' })
    await expect.poll(() => db.jobRun.count({ where: { job: slow.name } })).toBe(1)
    await runner.stop({ timeoutMs: 50 })
    expect(await db.jobRun.count({ where: { job: slow.name } })).toBe(0)
    release()

    const other = startJobRunner({
      db,
      jobs: [{ ...slow, run: async () => ({ done: 1 }) }],
      tickMs: 20,
      owner: 'replica-b',
    })
    await expect
      .poll(() => db.jobRun.findFirst({ where: { job: slow.name }, select: { owner: true, status: true } }))
      .toEqual({ owner: 'replica-b', status: 'succeeded' })
    await other.stop()
  })

  it('lets a running job finish at shutdown within the limit', async () => {
    const job: Job = {
      name: `finishing-${Date.now()}`,
      everyMs: 3_600_000,
      run: () => new Promise((resolve) => setTimeout(() => resolve({ done: 1 }), 300)),
    }
    const runner = startJobRunner({ db, jobs: [job], tickMs: 20 })
    await expect.poll(() => db.jobRun.count({ where: { job: job.name } })).toBe(1)
    await runner.stop({ timeoutMs: 5000 })
    expect(await db.jobRun.findFirstOrThrow({ where: { job: job.name } })).toMatchObject({ status: 'succeeded' })
  })
})
