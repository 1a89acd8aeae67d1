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

import { mayInCase, type CaseSide, type CaseStanding } from '@/lib/auth/roles'

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

/** The parties of a move, from the case's point of view: the roles the actor holds on each side and at the DGD. */
export type CaseActor = CaseStanding

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
  | 'assignReviewer'

/** Why a move is refused; each is a key of the `errors` message catalog. */
export type Refusal =
  'caseWrongRole' | 'caseWrongState' | 'agreementNotRequired' | 'agreementPending' | 'promotionSameReviewer'

export type Move =
  { ok: true; status: CaseStatus; agreementStatus: AgreementStatus | null } | { ok: false; refusal: Refusal }

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
      if (!mayInCase(actor, 'meetings.schedule')) return refuse('caseWrongRole')
      return status === 'MEETING_REQUESTED' ? to('MEETING_SCHEDULED') : refuse('caseWrongState')

    case 'recordMeetingHeld':
      if (!mayInCase(actor, 'meetings.record')) return refuse('caseWrongRole')
      return status === 'MEETING_SCHEDULED' ? to('MEETING_HELD') : refuse('caseWrongState')

    case 'requestAgreement':
      if (!mayInCase(actor, 'agreements.request', 'CONSUMER')) return refuse('caseWrongRole')
      if (!snapshot.requiresAgreement) return refuse('agreementNotRequired')
      if (!agreementPhase.includes(status) || agreementStatus !== null) return refuse('caseWrongState')
      return to(status, 'REQUESTED')

    case 'approveAgreement':
    case 'rejectAgreement':
      if (!mayInCase(actor, 'agreements.approve', 'PROVIDER')) return refuse('caseWrongRole')
      if (agreementStatus !== 'REQUESTED' || status === 'CLOSED') return refuse('caseWrongState')
      // A rejected agreement ends the case: without it the provider's service cannot be consumed.
      return action === 'approveAgreement' ? to(status, 'APPROVED') : to('CLOSED', 'REJECTED')

    case 'signAgreementAsConsumer':
    case 'signAgreementAsProvider': {
      const party: CaseSide = action === 'signAgreementAsConsumer' ? 'CONSUMER' : 'PROVIDER'
      if (!mayInCase(actor, 'agreements.sign', party)) return refuse('caseWrongRole')
      if (agreementStatus !== 'APPROVED' || snapshot.signedBy.includes(party)) return refuse('caseWrongState')
      const bothSigned = snapshot.signedBy.length === 1
      return to(status, bothSigned ? 'IN_FORCE' : 'APPROVED')
    }

    case 'provisionDevNode':
      if (!mayInCase(actor, 'nodes.provision')) return refuse('caseWrongRole')
      if (status !== 'MEETING_HELD') return refuse('caseWrongState')
      return providerApproved(snapshot) ? to('DEV_NODE_PROVISIONED') : refuse('agreementPending')

    case 'recordConnectivityTest':
      if (!mayInCase(actor, 'connectivity.record', 'CONSUMER')) return refuse('caseWrongRole')
      return status === 'DEV_NODE_PROVISIONED' || status === 'PROMOTION_REQUESTED' || status === 'PROMOTION_REVIEWED'
        ? to(status)
        : refuse('caseWrongState')

    case 'requestPromotion':
      // The checklist (lib/connections/checklist.ts) is evaluated on top of this by the caller.
      if (!mayInCase(actor, 'promotions.request', 'CONSUMER')) return refuse('caseWrongRole')
      return status === 'DEV_NODE_PROVISIONED' ? to('PROMOTION_REQUESTED') : refuse('caseWrongState')

    case 'reviewPromotion':
      if (!mayInCase(actor, 'promotions.review')) return refuse('caseWrongRole')
      return status === 'PROMOTION_REQUESTED' ? to('PROMOTION_REVIEWED') : refuse('caseWrongState')

    case 'approvePromotion':
      if (!mayInCase(actor, 'promotions.approve')) return refuse('caseWrongRole')
      if (status !== 'PROMOTION_REVIEWED') return refuse('caseWrongState')
      // Two people approve a promotion: the head's approval cannot come from whoever reviewed it.
      return snapshot.promotionReviewedBy === actor.personId ? refuse('promotionSameReviewer') : to('CONNECTED')

    case 'assignReviewer':
      // Not a move of its own: who of the reviewers takes the case's DGD steps, while it is open.
      if (!mayInCase(actor, 'cases.assignReviewer')) return refuse('caseWrongRole')
      return status === 'CLOSED' || status === 'CONNECTED' ? refuse('caseWrongState') : to(status)

    case 'rejectPromotion':
      // Whoever holds the step may reject it; the consumer fixes what was wrong and asks again.
      if (status === 'PROMOTION_REQUESTED') {
        return mayInCase(actor, 'promotions.review') ? to('DEV_NODE_PROVISIONED') : refuse('caseWrongRole')
      }
      if (status === 'PROMOTION_REVIEWED') {
        return mayInCase(actor, 'promotions.approve') ? to('DEV_NODE_PROVISIONED') : refuse('caseWrongRole')
      }
      return mayInCase(actor, 'promotions.review') || mayInCase(actor, 'promotions.approve')
        ? refuse('caseWrongState')
        : refuse('caseWrongRole')
  }
}

// ───────────────────────────── Who acts next ─────────────────────────────

/** Who acts next on a case: a role on one side of it, or at the DGD. */
export type NextParty =
  | 'DGD_REVIEWER'
  | 'DGD_HEAD'
  | 'CONSUMER_BUSINESS_ADMIN'
  | 'PROVIDER_BUSINESS_ADMIN'
  | 'CONSUMER_TECHNICAL_ADMIN'
  | 'CONSUMER_CTD'

/** The role behind each party: on the consumer's side, the provider's, or at the DGD. */
export const nextPartyRoles = {
  DGD_REVIEWER: { side: 'central', role: 'DGD_REVIEWER' },
  DGD_HEAD: { side: 'central', role: 'DGD_HEAD' },
  CONSUMER_BUSINESS_ADMIN: { side: 'CONSUMER', role: 'BUSINESS_ADMIN' },
  PROVIDER_BUSINESS_ADMIN: { side: 'PROVIDER', role: 'BUSINESS_ADMIN' },
  CONSUMER_TECHNICAL_ADMIN: { side: 'CONSUMER', role: 'TECHNICAL_ADMIN' },
  CONSUMER_CTD: { side: 'CONSUMER', role: 'CTD' },
} as const satisfies Record<NextParty, { side: CaseSide | 'central'; role: string }>

/** The step a waiting party is asked to take; its title names the notice and the work queue's entry. */
export type NextStepName =
  | 'scheduleMeeting'
  | 'recordMeetingHeld'
  | 'requestAgreement'
  | 'approveAgreement'
  | 'signAgreement'
  | 'provisionDevNode'
  | 'recordConnectivityTest'
  | 'requestPromotion'
  | 'reviewPromotion'
  | 'approvePromotion'

export type NextStep = { party: NextParty; step: NextStepName }

/**
 * Who acts next on a case, and what they are asked to do: the one answer that the notices, the work
 * queue and the case page's "waiting on" share. A party asked to take each step can make that move
 * (workflow.test.ts checks it against `decide` for every snapshot).
 */
export function nextSteps(snapshot: CaseSnapshot): NextStep[] {
  const steps: NextStep[] = []
  const add = (party: NextParty, step: NextStepName) => steps.push({ party, step })
  const { status, agreementStatus } = snapshot
  if (status === 'MEETING_REQUESTED') add('DGD_REVIEWER', 'scheduleMeeting')
  if (status === 'MEETING_SCHEDULED') add('DGD_REVIEWER', 'recordMeetingHeld')
  if (snapshot.requiresAgreement && agreementPhase.includes(status)) {
    if (agreementStatus === null) add('CONSUMER_BUSINESS_ADMIN', 'requestAgreement')
    if (agreementStatus === 'REQUESTED') add('PROVIDER_BUSINESS_ADMIN', 'approveAgreement')
  }
  // A connected case had its agreement in force (the promotion checklist asks for it): nothing is left to sign.
  if (agreementStatus === 'APPROVED' && status !== 'CLOSED' && status !== 'CONNECTED') {
    if (!snapshot.signedBy.includes('CONSUMER')) add('CONSUMER_BUSINESS_ADMIN', 'signAgreement')
    if (!snapshot.signedBy.includes('PROVIDER')) add('PROVIDER_BUSINESS_ADMIN', 'signAgreement')
  }
  if (status === 'MEETING_HELD' && providerApproved(snapshot)) add('DGD_REVIEWER', 'provisionDevNode')
  if (status === 'DEV_NODE_PROVISIONED') {
    add('CONSUMER_TECHNICAL_ADMIN', 'recordConnectivityTest')
    add('CONSUMER_CTD', 'requestPromotion')
  }
  if (status === 'PROMOTION_REQUESTED') add('DGD_REVIEWER', 'reviewPromotion')
  if (status === 'PROMOTION_REVIEWED') add('DGD_HEAD', 'approvePromotion')
  return steps
}

/** The parties a case waits on. */
export function waitingOn(snapshot: CaseSnapshot): NextParty[] {
  return [...new Set(nextSteps(snapshot).map((s) => s.party))]
}

/** Whether the standing is that party: holds its role on its side (or at the DGD). */
export function holdsParty(standing: CaseStanding, party: NextParty): boolean {
  const { side, role } = nextPartyRoles[party]
  if (side === 'central') return standing.centralRoles.includes(role)
  return (side === 'CONSUMER' ? standing.consumerRoles : standing.providerRoles).some((r) => r === role)
}

/** Every snapshot a case can be in (the reviewer of a promotion aside, which no next step depends on). */
export function allSnapshots(): CaseSnapshot[] {
  const signings: CaseSnapshot['signedBy'][] = [[], ['CONSUMER'], ['PROVIDER']]
  return caseStatuses.flatMap((status) =>
    [true, false].flatMap((requiresAgreement) =>
      [null, ...agreementStatuses].flatMap((agreementStatus) =>
        signings.map((signedBy): CaseSnapshot => ({
          status,
          requiresAgreement,
          agreementStatus,
          signedBy,
          promotionReviewedBy: null,
        })),
      ),
    ),
  )
}

let waitingStatuses: Map<NextParty, CaseStatus[]> | undefined

/** The statuses in which a case can wait on `party`: what a query may narrow to before asking nextSteps. */
export function statusesWaitingOn(party: NextParty): CaseStatus[] {
  if (!waitingStatuses) {
    waitingStatuses = new Map()
    for (const snapshot of allSnapshots()) {
      for (const { party: p } of nextSteps(snapshot)) {
        const statuses = waitingStatuses.get(p) ?? []
        if (!statuses.includes(snapshot.status)) waitingStatuses.set(p, [...statuses, snapshot.status])
      }
    }
  }
  return waitingStatuses.get(party) ?? []
}
