/**
 * The legal moves of a publication request (publishing a service or a new version of one, proposing
 * a schema or a new version of one), as plain functions: who may make each move, from which state,
 * and what state follows. Persistence applies a move as one conditional write on the state read here
 * (lib/workflow/step.ts), so a repeat or a race finds the request already moved and is refused.
 *
 * The path is the procedure of seeds/004 §8.1 mapped to the DGD: the provider's technical
 * administrator asks (1); the DGD head reviews it and assigns a reviewer (2–3); the reviewer enables
 * it in the development environment and writes the internal note of what was done and recommended
 * (4–5); a lead — another DGD reviewer — approves the note (6), then the head (7), never the same
 * person twice nor the note's author; the requester receives the note and the version is published
 * (8). Whoever holds a step may return the request with reasons; the requester amends and resubmits.
 */
import type { CentralRole } from '@/lib/auth/roles'

export const publicationStatuses = [
  'REQUESTED',
  'ASSIGNED',
  'NOTE_WRITTEN',
  'LEAD_APPROVED',
  'PUBLISHED',
  'RETURNED',
  'WITHDRAWN',
] as const
export type PublicationStatus = (typeof publicationStatuses)[number]

/** What the workflow needs to know of a request. */
export type PublicationSnapshot = {
  status: PublicationStatus
  /** The DGD reviewer the head assigned, once assigned. */
  reviewerId: string | null
  /** Who wrote the internal note now waiting on approvals (the reviewer). */
  noteAuthorId: string | null
  /** Who approved the note as lead, once approved. */
  leadApprovedById: string | null
}

/**
 * The actor, from the request's point of view: their central roles, and whether they are a technical
 * administrator of the institution that asks (the service's provider, or the schema's owner).
 */
export type PublicationActor = {
  personId: string
  centralRoles: readonly CentralRole[]
  requesterTechnicalAdmin: boolean
}

export type PublicationAction =
  'assign' | 'writeNote' | 'approveAsLead' | 'approveAsHead' | 'returnRequest' | 'resubmit' | 'withdraw'

export const publicationActions = [
  'assign',
  'writeNote',
  'approveAsLead',
  'approveAsHead',
  'returnRequest',
  'resubmit',
  'withdraw',
] as const satisfies readonly PublicationAction[]

/** Why a move is refused; each is a key of the `errors` message catalog. */
export type PublicationRefusal =
  'publicationWrongRole' | 'publicationWrongState' | 'publicationNotAssignedReviewer' | 'publicationSameApprover'

export type PublicationMove = { ok: true; status: PublicationStatus } | { ok: false; refusal: PublicationRefusal }

const refuse = (refusal: PublicationRefusal): PublicationMove => ({ ok: false, refusal })
const to = (status: PublicationStatus): PublicationMove => ({ ok: true, status })

const isHead = (a: PublicationActor) => a.centralRoles.includes('DGD_HEAD')
const isReviewer = (a: PublicationActor) => a.centralRoles.includes('DGD_REVIEWER')

/** Still on its way: not published, not withdrawn. */
export const openStatuses: readonly PublicationStatus[] = [
  'REQUESTED',
  'ASSIGNED',
  'NOTE_WRITTEN',
  'LEAD_APPROVED',
  'RETURNED',
]

/** The lead approves a note someone else wrote. */
function mayLead(s: PublicationSnapshot, a: PublicationActor) {
  return isReviewer(a) && a.personId !== s.noteAuthorId
}

/** The head approves a note neither written nor approved by them: three people see every publication. */
function mayApproveAsHead(s: PublicationSnapshot, a: PublicationActor) {
  return isHead(a) && a.personId !== s.noteAuthorId && a.personId !== s.leadApprovedById
}

export function decidePublication(
  s: PublicationSnapshot,
  action: PublicationAction,
  actor: PublicationActor,
): PublicationMove {
  switch (action) {
    case 'assign':
      // The head assigns a reviewer, or reassigns one who has not written the note yet.
      if (!isHead(actor)) return refuse('publicationWrongRole')
      return s.status === 'REQUESTED' || s.status === 'ASSIGNED' ? to('ASSIGNED') : refuse('publicationWrongState')

    case 'writeNote':
      if (!isReviewer(actor)) return refuse('publicationWrongRole')
      if (s.status !== 'ASSIGNED') return refuse('publicationWrongState')
      return actor.personId === s.reviewerId ? to('NOTE_WRITTEN') : refuse('publicationNotAssignedReviewer')

    case 'approveAsLead':
      if (!isReviewer(actor)) return refuse('publicationWrongRole')
      if (s.status !== 'NOTE_WRITTEN') return refuse('publicationWrongState')
      return mayLead(s, actor) ? to('LEAD_APPROVED') : refuse('publicationSameApprover')

    case 'approveAsHead':
      if (!isHead(actor)) return refuse('publicationWrongRole')
      if (s.status !== 'LEAD_APPROVED') return refuse('publicationWrongState')
      return mayApproveAsHead(s, actor) ? to('PUBLISHED') : refuse('publicationSameApprover')

    case 'returnRequest':
      // Whoever holds the step may return it, with reasons.
      switch (s.status) {
        case 'REQUESTED':
          return isHead(actor) ? to('RETURNED') : refuse('publicationWrongRole')
        case 'ASSIGNED':
          if (!isReviewer(actor) && !isHead(actor)) return refuse('publicationWrongRole')
          return actor.personId === s.reviewerId || isHead(actor)
            ? to('RETURNED')
            : refuse('publicationNotAssignedReviewer')
        case 'NOTE_WRITTEN':
          if (!isReviewer(actor)) return refuse('publicationWrongRole')
          return mayLead(s, actor) ? to('RETURNED') : refuse('publicationSameApprover')
        case 'LEAD_APPROVED':
          if (!isHead(actor)) return refuse('publicationWrongRole')
          return mayApproveAsHead(s, actor) ? to('RETURNED') : refuse('publicationSameApprover')
        default:
          return isHead(actor) || isReviewer(actor) ? refuse('publicationWrongState') : refuse('publicationWrongRole')
      }

    case 'resubmit':
      if (!actor.requesterTechnicalAdmin) return refuse('publicationWrongRole')
      return s.status === 'RETURNED' ? to('REQUESTED') : refuse('publicationWrongState')

    case 'withdraw':
      if (!actor.requesterTechnicalAdmin) return refuse('publicationWrongRole')
      return openStatuses.includes(s.status) ? to('WITHDRAWN') : refuse('publicationWrongState')
  }
}

// ───────────────────────────── Who acts next ─────────────────────────────

/** Who a request waits on. */
export type PublicationParty = 'DGD_HEAD' | 'ASSIGNED_REVIEWER' | 'DGD_LEAD' | 'REQUESTER_TECHNICAL_ADMIN'

export type PublicationStepName = 'assign' | 'writeNote' | 'approveAsLead' | 'approveAsHead' | 'resubmit'

export type PublicationNextStep = { party: PublicationParty; step: PublicationStepName }

/** Who acts next, and on what: the one answer the notices, the work queue and the request page share. */
export function publicationNextSteps(s: PublicationSnapshot): PublicationNextStep[] {
  switch (s.status) {
    case 'REQUESTED':
      return [{ party: 'DGD_HEAD', step: 'assign' }]
    case 'ASSIGNED':
      return [{ party: 'ASSIGNED_REVIEWER', step: 'writeNote' }]
    case 'NOTE_WRITTEN':
      return [{ party: 'DGD_LEAD', step: 'approveAsLead' }]
    case 'LEAD_APPROVED':
      return [{ party: 'DGD_HEAD', step: 'approveAsHead' }]
    case 'RETURNED':
      return [{ party: 'REQUESTER_TECHNICAL_ADMIN', step: 'resubmit' }]
    case 'PUBLISHED':
    case 'WITHDRAWN':
      return []
  }
}

/**
 * Whether the actor is that party on this request: the assigned reviewer is one person, the lead any
 * other reviewer than the note's author, the head one who neither wrote nor approved the note.
 */
export function holdsPublicationParty(
  s: PublicationSnapshot,
  actor: PublicationActor,
  party: PublicationParty,
): boolean {
  switch (party) {
    case 'DGD_HEAD':
      return s.status === 'LEAD_APPROVED' ? mayApproveAsHead(s, actor) : isHead(actor)
    case 'ASSIGNED_REVIEWER':
      return isReviewer(actor) && actor.personId === s.reviewerId
    case 'DGD_LEAD':
      return mayLead(s, actor)
    case 'REQUESTER_TECHNICAL_ADMIN':
      return actor.requesterTechnicalAdmin
  }
}

/** The step the actor is asked to take on this request now, if any. */
export function publicationStepFor(s: PublicationSnapshot, actor: PublicationActor): PublicationNextStep | null {
  return publicationNextSteps(s).find((n) => holdsPublicationParty(s, actor, n.party)) ?? null
}

/** The statuses in which a request can wait on someone holding these central roles (for a query to narrow by). */
export function statusesWaitingOnCentral(roles: readonly CentralRole[]): PublicationStatus[] {
  const statuses: PublicationStatus[] = []
  if (roles.includes('DGD_HEAD')) statuses.push('REQUESTED', 'LEAD_APPROVED')
  if (roles.includes('DGD_REVIEWER')) statuses.push('ASSIGNED', 'NOTE_WRITTEN')
  return statuses
}
