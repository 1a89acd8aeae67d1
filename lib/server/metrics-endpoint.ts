/**
 * /api/metrics: Prometheus's text format for a scraper that sends `Authorization: Bearer <METRICS_TOKEN>`.
 * Without METRICS_TOKEN the endpoint does not exist (404); a wrong or missing token is a 401.
 */
import { createHash, timingSafeEqual } from 'node:crypto'
import { databasePoolStats, db } from '@/lib/db/client'
import { env } from '@/lib/env'
import { metrics } from './metrics'

const digest = (text: string) => createHash('sha256').update(text).digest()

/** 'disabled' when no token is configured; else whether the header carries it (compared in constant time). */
export function metricsAuthorized(authorization: string | null): boolean | 'disabled' {
  const token = env.METRICS_TOKEN
  if (!token) return 'disabled'
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')
  if (!match) return false
  return timingSafeEqual(digest(match[1]!), digest(token))
}

/** Notices whose e-mail is still to be sent (the mailer's own condition). */
export async function pendingMailCount(): Promise<number> {
  return db.notification.count({
    where: { emailedAt: null, recipient: { email: { not: null }, disabledAt: null } },
  })
}

export async function readMetrics(): Promise<{ body: string; contentType: string }> {
  const m = metrics()
  const pool = databasePoolStats()
  m.dbPool.set({ state: 'total' }, pool.total)
  m.dbPool.set({ state: 'idle' }, pool.idle)
  m.dbPool.set({ state: 'waiting' }, pool.waiting)
  m.mailQueue.set(await pendingMailCount())
  return { body: await m.registry.metrics(), contentType: m.registry.contentType }
}
