/**
 * Every scheduled job of the portal, run by lib/jobs/runner.ts in every replica, each due time once.
 * A job is a plain idempotent function of `now` in its feature's folder that returns counts; add it
 * here with a stable name and its period.
 */
import { db } from '@/lib/db/client'
import { runNodeAccessJob } from '@/lib/nodes/jobs'
import { deliverPendingEmails } from '@/lib/notifications/mailer'
import { runCatalogReviewJob } from '@/lib/review/jobs'
import { runTraceChainJob } from '@/lib/traces/jobs'
import { runServiceLevelJob } from '@/lib/traces/service-levels'
import { runTraceStatsJob } from '@/lib/traces/stats'
import type { Job } from './runner'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/** JobRun rows are kept this long (they are the claims and the history of runs). */
const JOB_RUN_RETENTION_MS = 14 * DAY

/** Deletes the rows of finished runs older than the retention. */
export async function pruneJobRuns(now: Date): Promise<{ deleted: number }> {
  const { count } = await db.jobRun.deleteMany({
    where: { finishedAt: { not: null }, dueAt: { lt: new Date(now.getTime() - JOB_RUN_RETENTION_MS) } },
  })
  return { deleted: count }
}

export const jobs: readonly Job[] = [
  // The e-mails of notices still pending: those whose after-response delivery failed, or whose replica
  // stopped before sending (deliverEmailsAfterResponse sends the rest right after each step).
  { name: 'mail-delivery', everyMs: MINUTE, run: async () => ({ sent: await deliverPendingEmails() }) },
  { name: 'job-runs-pruning', everyMs: DAY, run: pruneJobRuns },
  // Agreements reaching their end or termination date (Chilean days), their 30-day notices, and the
  // node credentials' expiry reminders: hourly, so a Chilean midnight is acted on within the hour.
  { name: 'node-access', everyMs: HOUR, run: runNodeAccessJob },
  // The trace registry's chain head published in the audit log, month partitions ahead and retention.
  { name: 'trace-chain', everyMs: DAY, run: runTraceChainJob },
  // Published services not reviewed in 12 months: flagged stale, their provider told once.
  { name: 'catalog-review', everyMs: DAY, run: (now) => runCatalogReviewJob(now) },
  // The registry's daily rollup (charts, service levels): the days of the batches chained since its last run.
  { name: 'trace-stats', everyMs: 15 * MINUTE, leaseMs: 15 * MINUTE, run: runTraceStatsJob },
  // Last month's service levels of every agreement in force in it; a breach told to both parties once.
  // Their e-mails go right after the run (the mail-delivery job would send them within a minute anyway).
  {
    name: 'service-levels',
    everyMs: DAY,
    leaseMs: 15 * MINUTE,
    run: async (now) => {
      const result = await runServiceLevelJob(now)
      if (result.breaches > 0) await deliverPendingEmails()
      return result
    },
  },
]
