import type { CaseSnapshot } from './workflow'

/**
 * What the workflow needs to know of a case, as a Prisma select to merge into a query. The open
 * promotion's reviewer is read so that the head's approval comes from someone else.
 */
export const snapshotPromotionsSelect = {
  where: { status: 'REVIEWED' },
  select: { reviewedById: true },
  take: 1,
} as const

/** The shape a query must have selected (with `snapshotPromotionsSelect` as its `promotions`). */
export type SnapshotSource = {
  status: CaseSnapshot['status']
  service: { requiresAgreement: boolean }
  agreement: {
    status: NonNullable<CaseSnapshot['agreementStatus']>
    signatures: { party: 'CONSUMER' | 'PROVIDER' }[]
  } | null
  promotions: { reviewedById: string | null }[]
}

/** The one way a stored case becomes the workflow's snapshot: for the steps, the case page and the work queue. */
export function snapshotOf(c: SnapshotSource): CaseSnapshot {
  return {
    status: c.status,
    requiresAgreement: c.service.requiresAgreement,
    agreementStatus: c.agreement?.status ?? null,
    signedBy: c.agreement?.signatures.map((s) => s.party) ?? [],
    promotionReviewedBy: c.promotions[0]?.reviewedById ?? null,
  }
}
