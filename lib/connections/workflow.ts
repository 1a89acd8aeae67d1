/**
 * The legal moves of a connection case (a consumer institution getting access to one provider's
 * service), as plain functions: who may make each move, from which state, and what state follows.
 * Persistence applies a move as one conditional write on the state read here (see STYLE.md), so a
 * repeat or a race finds the state already moved and is refused.
 *
 * The path ("¿Cómo accedo?", seeds/001): meeting → agreement where the service requires one (it may
 * run alongside the meeting) → development node once the provider approved → connectivity tests →
 * production promotion, approved by a DGD reviewer and then the DGD head → connected.
 */

export const caseStatuses = [
  'MEETING_REQUESTED',
  'MEETING_SCHEDULED',
  'MEETING_HELD',
  'DEV_NODE_PROVISIONED',
  'PROMOTION_REQUESTED',
  'PROMOTION_REVIEWED',
  'CONNECTED',
  'CLOSED',
] as const
export type CaseStatus = (typeof caseStatuses)[number]

export const agreementStatuses = ['REQUESTED', 'APPROVED', 'REJECTED', 'IN_FORCE', 'EXPIRED', 'TERMINATED'] as const
export type AgreementStatus = (typeof agreementStatuses)[number]

/** The parties of a move, from the case's point of view. */
export type CaseActor = {
  /** Roles the actor holds in the consumer institution. */
  consumerRoles: readonly ('CTD' | 'TECHNICAL_ADMIN' | 'BUSINESS_ADMIN')[]
  /** Roles the actor holds in the provider institution. */
  providerRoles: readonly ('CTD' | 'TECHNICAL_ADMIN' | 'BUSINESS_ADMIN')[]
  centralRoles: readonly ('DGD_REVIEWER' | 'DGD_HEAD' | 'AUDITOR')[]
  /** Who the actor is, for the rules that need two different people. */
  personId: string
}

export type CaseSnapshot = {
  status: CaseStatus
  requiresAgreement: boolean
  /** The case's agreement, if one was requested. */
  agreementStatus: AgreementStatus | null
  /** Who already signed the agreement. */
  signedBy: readonly ('CONSUMER' | 'PROVIDER')[]
  /** Who reviewed the promotion now waiting on the head, if one is. */
  promotionReviewedBy: string | null
}

export type CaseAction =
  | 'scheduleMeeting'
  | 'recordMeetingHeld'
  | 'requestAgreement'
  | 'approveAgreement'
  | 'rejectAgreement'
  | 'signAgreementAsConsumer'
  | 'signAgreementAsProvider'
  | 'provisionDevNode'
  | 'recordConnectivityTest'
  | 'requestPromotion'
  | 'reviewPromotion'
  | 'approvePromotion'
  | 'rejectPromotion'

/** Why a move is refused; each is a key of the `errors` message catalog. */
export type Refusal = 'caseWrongRole' | 'caseWrongState' | 'agreementNotRequired' | 'agreementPending' | 'promotionSameReviewer'

export type Move = { ok: true; status: CaseStatus; agreementStatus: AgreementStatus | null } | { ok: false; refusal: Refusal }

const isDgd = (a: CaseActor) => a.centralRoles.includes('DGD_REVIEWER') || a.centralRoles.includes('DGD_HEAD')
const refuse = (refusal: Refusal): Move => ({ ok: false, refusal })

/** A case is open to agreement work from its start until the development node is handed over. */
const agreementPhase: readonly CaseStatus[] = ['MEETING_REQUESTED', 'MEETING_SCHEDULED', 'MEETING_HELD']

/** The provider has said yes (or nobody needs to): DGD may hand over a development node. */
export function providerApproved(snapshot: CaseSnapshot): boolean {
  if (!snapshot.requiresAgreement) return true
  return snapshot.agreementStatus === 'APPROVED' || snapshot.agreementStatus === 'IN_FORCE'
}

export function decide(snapshot: CaseSnapshot, action: CaseAction, actor: CaseActor): Move {
  const { status, agreementStatus } = snapshot
  const to = (next: CaseStatus, agreement: AgreementStatus | null = agreementStatus): Move => ({
    ok: true,
    status: next,
    agreementStatus: agreement,
  })

  switch (action) {
    case 'scheduleMeeting':
      if (!isDgd(actor)) return refuse('caseWrongRole')
      return status === 'MEETING_REQUESTED' ? to('MEETING_SCHEDULED') : refuse('caseWrongState')

    case 'recordMeetingHeld':
      if (!isDgd(actor)) return refuse('caseWrongRole')
      return status === 'MEETING_SCHEDULED' ? to('MEETING_HELD') : refuse('caseWrongState')

    case 'requestAgreement':
      if (!actor.consumerRoles.includes('BUSINESS_ADMIN')) return refuse('caseWrongRole')
      if (!snapshot.requiresAgreement) return refuse('agreementNotRequired')
      if (!agreementPhase.includes(status) || agreementStatus !== null) return refuse('caseWrongState')
      return to(status, 'REQUESTED')

    case 'approveAgreement':
    case 'rejectAgreement':
      if (!actor.providerRoles.includes('BUSINESS_ADMIN')) return refuse('caseWrongRole')
      if (agreementStatus !== 'REQUESTED' || status === 'CLOSED') return refuse('caseWrongState')
      // A rejected agreement ends the case: without it the provider's service cannot be consumed.
      return action === 'approveAgreement' ? to(status, 'APPROVED') : to('CLOSED', 'REJECTED')

    case 'signAgreementAsConsumer':
    case 'signAgreementAsProvider': {
      const party = action === 'signAgreementAsConsumer' ? 'CONSUMER' : 'PROVIDER'
      const roles = party === 'CONSUMER' ? actor.consumerRoles : actor.providerRoles
      if (!roles.includes('BUSINESS_ADMIN')) return refuse('caseWrongRole')
      if (agreementStatus !== 'APPROVED' || snapshot.signedBy.includes(party)) return refuse('caseWrongState')
      const bothSigned = snapshot.signedBy.length === 1
      return to(status, bothSigned ? 'IN_FORCE' : 'APPROVED')
    }

    case 'provisionDevNode':
      if (!isDgd(actor)) return refuse('caseWrongRole')
      if (status !== 'MEETING_HELD') return refuse('caseWrongState')
      return providerApproved(snapshot) ? to('DEV_NODE_PROVISIONED') : refuse('agreementPending')

    case 'recordConnectivityTest':
      if (!actor.consumerRoles.includes('TECHNICAL_ADMIN')) return refuse('caseWrongRole')
      return status === 'DEV_NODE_PROVISIONED' || status === 'PROMOTION_REQUESTED' || status === 'PROMOTION_REVIEWED'
        ? to(status)
        : refuse('caseWrongState')

    case 'requestPromotion':
      // The checklist (lib/connections/checklist.ts) is evaluated on top of this by the caller.
      if (!actor.consumerRoles.includes('CTD')) return refuse('caseWrongRole')
      return status === 'DEV_NODE_PROVISIONED' ? to('PROMOTION_REQUESTED') : refuse('caseWrongState')

    case 'reviewPromotion':
      if (!actor.centralRoles.includes('DGD_REVIEWER')) return refuse('caseWrongRole')
      return status === 'PROMOTION_REQUESTED' ? to('PROMOTION_REVIEWED') : refuse('caseWrongState')

    case 'approvePromotion':
      if (!actor.centralRoles.includes('DGD_HEAD')) return refuse('caseWrongRole')
      if (status !== 'PROMOTION_REVIEWED') return refuse('caseWrongState')
      // Two people approve a promotion: the head's approval cannot come from whoever reviewed it.
      return snapshot.promotionReviewedBy === actor.personId ? refuse('promotionSameReviewer') : to('CONNECTED')

    case 'rejectPromotion':
      // Whoever holds the step may reject it; the consumer fixes what was wrong and asks again.
      if (status === 'PROMOTION_REQUESTED') {
        return actor.centralRoles.includes('DGD_REVIEWER') ? to('DEV_NODE_PROVISIONED') : refuse('caseWrongRole')
      }
      if (status === 'PROMOTION_REVIEWED') {
        return actor.centralRoles.includes('DGD_HEAD') ? to('DEV_NODE_PROVISIONED') : refuse('caseWrongRole')
      }
      return isDgd(actor) ? refuse('caseWrongState') : refuse('caseWrongRole')
  }
}

/** Who acts next on a case, for work queues and notifications. */
export type NextParty = 'DGD_REVIEWER' | 'DGD_HEAD' | 'CONSUMER_BUSINESS_ADMIN' | 'PROVIDER_BUSINESS_ADMIN' | 'CONSUMER_TECHNICAL_ADMIN' | 'CONSUMER_CTD'

export function waitingOn(snapshot: CaseSnapshot): NextParty[] {
  const parties: NextParty[] = []
  const { status, agreementStatus } = snapshot
  if (status === 'MEETING_REQUESTED' || status === 'MEETING_SCHEDULED') parties.push('DGD_REVIEWER')
  if (snapshot.requiresAgreement && agreementPhase.includes(status)) {
    if (agreementStatus === null) parties.push('CONSUMER_BUSINESS_ADMIN')
    if (agreementStatus === 'REQUESTED') parties.push('PROVIDER_BUSINESS_ADMIN')
  }
  if (agreementStatus === 'APPROVED' && status !== 'CLOSED') {
    if (!snapshot.signedBy.includes('CONSUMER')) parties.push('CONSUMER_BUSINESS_ADMIN')
    if (!snapshot.signedBy.includes('PROVIDER')) parties.push('PROVIDER_BUSINESS_ADMIN')
  }
  if (status === 'MEETING_HELD' && providerApproved(snapshot)) parties.push('DGD_REVIEWER')
  if (status === 'DEV_NODE_PROVISIONED') parties.push('CONSUMER_TECHNICAL_ADMIN', 'CONSUMER_CTD')
  if (status === 'PROMOTION_REQUESTED') parties.push('DGD_REVIEWER')
  if (status === 'PROMOTION_REVIEWED') parties.push('DGD_HEAD')
  return [...new Set(parties)]
}
