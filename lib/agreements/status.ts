import type { AgreementStatus } from '@/lib/connections/workflow'

/**
 * What an agreement is today. Stored statuses record decisions; dates decide the rest: an agreement in
 * force past its end date has expired, and one whose termination date has come is terminated.
 */
export function effectiveAgreementStatus(
  agreement: { status: AgreementStatus; endsOn: Date | null; terminatesOn: Date | null },
  now: Date,
): AgreementStatus {
  if (agreement.status !== 'IN_FORCE') return agreement.status
  if (agreement.terminatesOn && agreement.terminatesOn <= now) return 'TERMINATED'
  if (agreement.endsOn && agreement.endsOn < now) return 'EXPIRED'
  return 'IN_FORCE'
}

export const MIN_NOTICE_DAYS = 30

/** The earliest termination date for a notice given on `noticeOn` (calendar days, UTC dates). */
export function earliestTerminationDate(noticeOn: Date): Date {
  const date = new Date(Date.UTC(noticeOn.getUTCFullYear(), noticeOn.getUTCMonth(), noticeOn.getUTCDate()))
  date.setUTCDate(date.getUTCDate() + MIN_NOTICE_DAYS)
  return date
}
