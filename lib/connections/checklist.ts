/**
 * The production-promotion checklist, computed from the data, never ticked by hand. A promotion
 * request with any unmet item is refused, and the page names the item and how to meet it.
 */
import { effectiveAgreementStatus } from '@/lib/agreements/status'
import { todayInChile } from '@/lib/dates'
import { cooperationInForce, type ReadinessFacts } from '@/lib/readiness/readiness'
import type { AgreementStatus } from './workflow'

export const PASSING_TEST_MAX_AGE_DAYS = 30
const DAY_MS = 24 * 60 * 60 * 1000

export type ChecklistFacts = ReadinessFacts & {
  now: Date
  requiresAgreement: boolean
  agreement: { status: AgreementStatus; endsOn: Date | null; terminatesOn: Date | null } | null
  /** When the most recent passing connectivity test its development node reported ran, if any (declared ones do not count). */
  lastPassingTestAt: Date | null
}

export const checklistItems = [
  'agreementInForce',
  'recentPassingTest',
  'administratorsDesignated',
  'trainingAttended',
  'cooperationInForce',
] as const
export type ChecklistItem = (typeof checklistItems)[number]

export type ChecklistResult = { item: ChecklistItem; met: boolean; notApplicable?: boolean }[]

export function evaluateChecklist(facts: ChecklistFacts): ChecklistResult {
  const { now } = facts
  // Dates in force are judged on today's date in Chile, as the agreement manager and the readiness panel do.
  const agreementInForce =
    !facts.requiresAgreement ||
    (facts.agreement !== null && effectiveAgreementStatus(facts.agreement, now) === 'IN_FORCE')
  const recentPassingTest =
    facts.lastPassingTestAt !== null &&
    now.getTime() - facts.lastPassingTestAt.getTime() <= PASSING_TEST_MAX_AGE_DAYS * DAY_MS
  const administratorsDesignated =
    facts.designatedRoles.includes('TECHNICAL_ADMIN') && facts.designatedRoles.includes('BUSINESS_ADMIN')
  const trainingAttended = facts.trainingKindsAttended.includes('CONSUMPTION')
  const cooperationInForceNow = cooperationInForce(facts.cooperation, todayInChile(now))

  return [
    { item: 'agreementInForce', met: agreementInForce, notApplicable: !facts.requiresAgreement },
    { item: 'recentPassingTest', met: recentPassingTest },
    { item: 'administratorsDesignated', met: administratorsDesignated },
    { item: 'trainingAttended', met: trainingAttended },
    { item: 'cooperationInForce', met: cooperationInForceNow },
  ]
}

export function unmetItems(result: ChecklistResult): ChecklistItem[] {
  return result.filter((r) => !r.met).map((r) => r.item)
}
