import { describe, expect, it } from 'vitest'
import {
  decidePublication,
  holdsPublicationParty,
  publicationActions,
  publicationNextSteps,
  publicationStatuses,
  publicationStepFor,
  statusesWaitingOnCentral,
  type PublicationAction,
  type PublicationActor,
  type PublicationSnapshot,
  type PublicationStatus,
} from './workflow'

const nobody: PublicationActor = { personId: 'nobody', centralRoles: [], requesterTechnicalAdmin: false }
const requester: PublicationActor = { ...nobody, personId: 'requester', requesterTechnicalAdmin: true }
const outsiderTech: PublicationActor = { ...nobody, personId: 'outsiderTech' }
const reviewer: PublicationActor = { ...nobody, personId: 'reviewer', centralRoles: ['DGD_REVIEWER'] }
const lead: PublicationActor = { ...nobody, personId: 'lead', centralRoles: ['DGD_REVIEWER'] }
const head: PublicationActor = { ...nobody, personId: 'head', centralRoles: ['DGD_HEAD'] }
const auditor: PublicationActor = { ...nobody, personId: 'auditor', centralRoles: ['AUDITOR'] }
const actors = { requester, outsiderTech, reviewer, lead, head, auditor, nobody }
type Who = keyof typeof actors

/** The snapshot a request has in each status when the right people made every move so far. */
function at(status: PublicationStatus): PublicationSnapshot {
  const assigned = !['REQUESTED', 'RETURNED', 'WITHDRAWN'].includes(status)
  return {
    status,
    reviewerId: assigned ? 'reviewer' : null,
    noteAuthorId: ['NOTE_WRITTEN', 'LEAD_APPROVED', 'PUBLISHED'].includes(status) ? 'reviewer' : null,
    leadApprovedById: ['LEAD_APPROVED', 'PUBLISHED'].includes(status) ? 'lead' : null,
  }
}

/** Who may make each move in each status: everything else is refused. */
const allowed: Record<PublicationStatus, Partial<Record<PublicationAction, Who[]>>> = {
  REQUESTED: { assign: ['head'], returnRequest: ['head'], withdraw: ['requester'] },
  ASSIGNED: {
    assign: ['head'],
    writeNote: ['reviewer'],
    returnRequest: ['reviewer', 'head'],
    withdraw: ['requester'],
  },
  NOTE_WRITTEN: { approveAsLead: ['lead'], returnRequest: ['lead'], withdraw: ['requester'] },
  LEAD_APPROVED: { approveAsHead: ['head'], returnRequest: ['head'], withdraw: ['requester'] },
  RETURNED: { resubmit: ['requester'], withdraw: ['requester'] },
  PUBLISHED: {},
  WITHDRAWN: {},
}

const next: Record<PublicationAction, PublicationStatus | ((s: PublicationStatus) => PublicationStatus)> = {
  assign: 'ASSIGNED',
  writeNote: 'NOTE_WRITTEN',
  approveAsLead: 'LEAD_APPROVED',
  approveAsHead: 'PUBLISHED',
  returnRequest: 'RETURNED',
  resubmit: 'REQUESTED',
  withdraw: 'WITHDRAWN',
}

describe('decidePublication, every status × action × role', () => {
  for (const status of publicationStatuses) {
    for (const action of publicationActions) {
      for (const who of Object.keys(actors) as Who[]) {
        const ok = allowed[status][action]?.includes(who) ?? false
        it(`${status} · ${action} by ${who}: ${ok ? 'allowed' : 'refused'}`, () => {
          const move = decidePublication(at(status), action, actors[who])
          if (ok) expect(move).toEqual({ ok: true, status: next[action] })
          else expect(move.ok).toBe(false)
        })
      }
    }
  }
})

describe('decidePublication, the reasons', () => {
  it('names the wrong role, the wrong state, and the unassigned reviewer', () => {
    expect(decidePublication(at('REQUESTED'), 'assign', reviewer)).toEqual({
      ok: false,
      refusal: 'publicationWrongRole',
    })
    expect(decidePublication(at('PUBLISHED'), 'assign', head)).toEqual({ ok: false, refusal: 'publicationWrongState' })
    expect(decidePublication(at('ASSIGNED'), 'writeNote', lead)).toEqual({
      ok: false,
      refusal: 'publicationNotAssignedReviewer',
    })
    expect(decidePublication(at('RETURNED'), 'resubmit', outsiderTech)).toEqual({
      ok: false,
      refusal: 'publicationWrongRole',
    })
  })

  it('refuses the note’s author as lead, and the lead or the author as head: two different approvers', () => {
    expect(decidePublication(at('NOTE_WRITTEN'), 'approveAsLead', reviewer)).toEqual({
      ok: false,
      refusal: 'publicationSameApprover',
    })
    // A person holding both roles who approved as lead cannot approve again as head.
    const both: PublicationActor = { ...nobody, personId: 'lead', centralRoles: ['DGD_REVIEWER', 'DGD_HEAD'] }
    expect(decidePublication(at('LEAD_APPROVED'), 'approveAsHead', both)).toEqual({
      ok: false,
      refusal: 'publicationSameApprover',
    })
    const authorHead: PublicationActor = { ...both, personId: 'reviewer' }
    expect(decidePublication(at('LEAD_APPROVED'), 'approveAsHead', authorHead)).toEqual({
      ok: false,
      refusal: 'publicationSameApprover',
    })
  })

  it('walks the whole path and a return and resubmission', () => {
    let s = at('REQUESTED')
    const go = (action: PublicationAction, actor: PublicationActor, patch: Partial<PublicationSnapshot> = {}) => {
      const move = decidePublication(s, action, actor)
      if (!move.ok) throw new Error(`${action} refused: ${move.refusal}`)
      s = { ...s, status: move.status, ...patch }
    }
    go('assign', head, { reviewerId: 'reviewer' })
    go('returnRequest', reviewer)
    expect(s.status).toBe('RETURNED')
    go('resubmit', requester, { reviewerId: null })
    go('assign', head, { reviewerId: 'reviewer' })
    go('writeNote', reviewer, { noteAuthorId: 'reviewer' })
    go('approveAsLead', lead, { leadApprovedById: 'lead' })
    go('approveAsHead', head)
    expect(s.status).toBe('PUBLISHED')
  })
})

describe('publicationNextSteps', () => {
  it('asks, in each status, a party who can make that move', () => {
    for (const status of publicationStatuses) {
      const s = at(status)
      for (const { party, step } of publicationNextSteps(s)) {
        const holders = Object.values(actors).filter((a) => holdsPublicationParty(s, a, party))
        expect(holders.length, `${status}: ${party}`).toBeGreaterThan(0)
        for (const a of holders) expect(decidePublication(s, step, a).ok, `${status}: ${a.personId}`).toBe(true)
      }
    }
  })

  it('waits on nobody once published or withdrawn', () => {
    expect(publicationNextSteps(at('PUBLISHED'))).toEqual([])
    expect(publicationNextSteps(at('WITHDRAWN'))).toEqual([])
  })

  it('gives each person their own step: the assigned reviewer, another reviewer as lead, the head', () => {
    expect(publicationStepFor(at('ASSIGNED'), reviewer)?.step).toBe('writeNote')
    expect(publicationStepFor(at('ASSIGNED'), lead)).toBeNull()
    expect(publicationStepFor(at('NOTE_WRITTEN'), reviewer)).toBeNull()
    expect(publicationStepFor(at('NOTE_WRITTEN'), lead)?.step).toBe('approveAsLead')
    expect(publicationStepFor(at('LEAD_APPROVED'), head)?.step).toBe('approveAsHead')
    expect(publicationStepFor(at('RETURNED'), requester)?.step).toBe('resubmit')
    expect(publicationStepFor(at('RETURNED'), outsiderTech)).toBeNull()
  })

  it('narrows the statuses a central role can be waited on in', () => {
    for (const status of publicationStatuses) {
      for (const a of [reviewer, lead, head]) {
        if (publicationStepFor(at(status), a)) expect(statusesWaitingOnCentral(a.centralRoles)).toContain(status)
      }
    }
  })
})
