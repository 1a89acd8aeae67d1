import { afterEach, describe, expect, it } from 'vitest'
import { GET as metricsRoute } from '@/app/api/metrics/route'
import { GET as readyRoute } from '@/app/api/health/ready/route'
import { GET as liveRoute } from '@/app/api/health/live/route'
import { db } from '@/lib/db/client'
import { checkReadiness, expectedMigrations } from '@/lib/health'
import { createNotification, createPerson } from '@/prisma/factories'
import { metrics } from '@/lib/server/metrics'

const TOKEN = 'metrics-token-for-tests-0123456789'
const saved = process.env.METRICS_TOKEN

afterEach(() => {
  if (saved === undefined) delete process.env.METRICS_TOKEN
  else process.env.METRICS_TOKEN = saved
})

const scrape = (authorization?: string) =>
  metricsRoute(new Request('http://localhost/api/metrics', { headers: authorization ? { authorization } : undefined }))

describe('/api/metrics', () => {
  it('does not exist without METRICS_TOKEN', async () => {
    delete process.env.METRICS_TOKEN
    expect((await scrape(`Bearer ${TOKEN}`)).status).toBe(404)
  })

  it('refuses a missing or wrong token', async () => {
    process.env.METRICS_TOKEN = TOKEN
    expect((await scrape()).status).toBe(401)
    expect((await scrape('Bearer wrong-token-wrong-token')).status).toBe(401)
    expect((await scrape(TOKEN)).status).toBe(401)
  })

  it('serves request, job, pool and mail queue metrics to the token holder', async () => {
    process.env.METRICS_TOKEN = TOKEN
    const person = await createPerson(db)
    await createNotification(db, person.id, { title: 'Pendiente' })
    metrics().httpRequests.inc({ method: 'GET', route: '/connections/[id]', status: '200' })
    metrics().httpDuration.observe({ method: 'GET', route: '/connections/[id]' }, 0.05)
    metrics().jobRuns.inc({ job: 'mail-delivery', outcome: 'succeeded' })
    const pending = await db.notification.count({
      where: { emailedAt: null, recipient: { email: { not: null }, disabledAt: null } },
    })

    const response = await scrape(`Bearer ${TOKEN}`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toContain('text/plain')
    const text = await response.text()
    expect(text).toContain('http_requests_total{method="GET",route="/connections/[id]",status="200"}')
    expect(text).toContain('job_runs_total{job="mail-delivery",outcome="succeeded"}')
    expect(text).toMatch(/db_pool_connections\{state="total"\} [1-9]/)
    expect(text).toContain(`mail_queue_depth ${pending}`)
    expect(text).toContain('http_request_duration_seconds_bucket')
  })
})

describe('health probes', () => {
  it('live answers while the process runs', async () => {
    expect((await liveRoute()).status).toBe(200)
  })

  it('ready answers 200 when the database answers and every migration folder is applied', async () => {
    const response = await readyRoute()
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ status: 'ready', database: 'ok', migrations: 'applied' })
    expect((await expectedMigrations()).length).toBeGreaterThan(5)
  })

  it('is not ready while shutting down or with a migration not applied', async () => {
    expect(await checkReadiness({ shuttingDown: true })).toEqual({ status: 'not-ready', reason: 'shutting down' })
    const last = (await expectedMigrations()).at(-1)!
    await db.$executeRaw`UPDATE _prisma_migrations SET rolled_back_at = now() WHERE migration_name = ${last}`
    try {
      expect(await checkReadiness({ shuttingDown: false })).toEqual({
        status: 'not-ready',
        reason: 'migrations pending',
        pending: [last],
      })
    } finally {
      await db.$executeRaw`UPDATE _prisma_migrations SET rolled_back_at = NULL WHERE migration_name = ${last}`
    }
  })
})
