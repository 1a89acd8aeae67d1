import type { AgreementStatus } from '@/lib/connections/workflow'
import { todayInChile } from '@/lib/dates'

/**
 * What an agreement is at `now`. Stored statuses record decisions; dates decide the rest, on today's
 * date in Chile: an agreement in force "until" its end date is in force all that day and has expired
 * the day after; one is terminated from its termination date on.
 */
export function effectiveAgreementStatus(
  agreement: { status: AgreementStatus; endsOn: Date | null; terminatesOn: Date | null },
  now: Date,
): AgreementStatus {
  if (agreement.status !== 'IN_FORCE') return agreement.status
  const today = todayInChile(now)
  if (agreement.terminatesOn && agreement.terminatesOn <= today) return 'TERMINATED'
  if (agreement.endsOn && agreement.endsOn < today) return 'EXPIRED'
  return 'IN_FORCE'
}

export const MIN_NOTICE_DAYS = 30

/** The earliest termination date for a notice given on `noticeOn` (calendar days, UTC dates). */
export function earliestTerminationDate(noticeOn: Date): Date {
  const date = new Date(Date.UTC(noticeOn.getUTCFullYear(), noticeOn.getUTCMonth(), noticeOn.getUTCDate()))
  date.setUTCDate(date.getUTCDate() + MIN_NOTICE_DAYS)
  return date
}
