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

/** How long an agreement runs, as every page says it: until its end date, until a noticed termination, or indefinitely. */
export type AgreementTerm = { kind: 'until' | 'terminates'; date: Date } | { kind: 'indefinite' }

/** A termination notice ends the agreement on its date, unless the agreement ends earlier anyway. */
export function agreementTerm(agreement: { endsOn: Date | null; terminatesOn: Date | null }): AgreementTerm {
  const { endsOn, terminatesOn } = agreement
  if (terminatesOn && (!endsOn || terminatesOn <= endsOn)) return { kind: 'terminates', date: terminatesOn }
  return endsOn ? { kind: 'until', date: endsOn } : { kind: 'indefinite' }
}
