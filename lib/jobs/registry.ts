/**
 * Every scheduled job of the portal, run by lib/jobs/runner.ts in every replica, each due time once.
 * A job is a plain idempotent function of `now` in its feature's folder that returns counts; add it
 * here with a stable name and its period.
 */
import { db } from '@/lib/db/client'
import { deliverPendingEmails } from '@/lib/notifications/mailer'
import type { Job } from './runner'

const MINUTE = 60_000
const DAY = 24 * 60 * MINUTE

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
]
