/**
 * The production-promotion checklist, computed from the data, never ticked by hand. A promotion
 * request with any unmet item is refused, and the page names the item and how to meet it.
 */

export const PASSING_TEST_MAX_AGE_DAYS = 30
const DAY_MS = 24 * 60 * 60 * 1000

export type ChecklistFacts = {
  now: Date
  requiresAgreement: boolean
  agreement: { status: string; endsOn: Date | null } | null
  /** When the consumer's most recent passing connectivity test ran, if any. */
  lastPassingTestAt: Date | null
  /** Active designations in the consumer institution. */
  designatedRoles: readonly string[]
  /** Training workshops the consumer institution attended, by kind. */
  trainingKindsAttended: readonly string[]
  /** The consumer's cooperation agreement with SEGPRES. */
  cooperation: { inForceFrom: Date | null; terminatesOn: Date | null } | null
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
  const agreementInForce =
    !facts.requiresAgreement ||
    (facts.agreement?.status === 'IN_FORCE' && (facts.agreement.endsOn === null || facts.agreement.endsOn > now))
  const recentPassingTest =
    facts.lastPassingTestAt !== null && now.getTime() - facts.lastPassingTestAt.getTime() <= PASSING_TEST_MAX_AGE_DAYS * DAY_MS
  const administratorsDesignated =
    facts.designatedRoles.includes('TECHNICAL_ADMIN') && facts.designatedRoles.includes('BUSINESS_ADMIN')
  const trainingAttended = facts.trainingKindsAttended.includes('CONSUMPTION')
  const cooperation = facts.cooperation
  const cooperationInForce =
    cooperation !== null &&
    cooperation.inForceFrom !== null &&
    cooperation.inForceFrom <= now &&
    (cooperation.terminatesOn === null || cooperation.terminatesOn > now)

  return [
    { item: 'agreementInForce', met: agreementInForce, notApplicable: !facts.requiresAgreement },
    { item: 'recentPassingTest', met: recentPassingTest },
    { item: 'administratorsDesignated', met: administratorsDesignated },
    { item: 'trainingAttended', met: trainingAttended },
    { item: 'cooperationInForce', met: cooperationInForce },
  ]
}

export function unmetItems(result: ChecklistResult): ChecklistItem[] {
  return result.filter((r) => !r.met).map((r) => r.item)
}

/**
 * The convenio de cooperación is in force from the later of the two approving decrees (seeds/002),
 * for an indefinite term.
 */
export function cooperationInForceFrom(segpresDecreeDate: Date | null, institutionDecreeDate: Date | null): Date | null {
  if (!segpresDecreeDate || !institutionDecreeDate) return null
  return segpresDecreeDate > institutionDecreeDate ? segpresDecreeDate : institutionDecreeDate
}

/** Either party may end it with at least 30 days' notice, like an interoperability agreement. */
export { earliestTerminationDate as earliestTermination } from '@/lib/agreements/status'
