import { describe, expect, it } from 'vitest'
import {
  allSnapshots,
  decide,
  holdsParty,
  nextPartyRoles,
  nextSteps,
  statusesWaitingOn,
  waitingOn,
  type CaseAction,
  type CaseActor,
  type CaseSnapshot,
  type NextParty,
} from './workflow'

const nobody: CaseActor = { consumerRoles: [], providerRoles: [], centralRoles: [], personId: 'nobody' }
const consumerCtd: CaseActor = { ...nobody, personId: 'consumerCtd', consumerRoles: ['CTD'] }
const consumerBusiness: CaseActor = { ...nobody, personId: 'consumerBusiness', consumerRoles: ['BUSINESS_ADMIN'] }
const consumerTech: CaseActor = { ...nobody, personId: 'consumerTech', consumerRoles: ['TECHNICAL_ADMIN'] }
const providerBusiness: CaseActor = { ...nobody, personId: 'providerBusiness', providerRoles: ['BUSINESS_ADMIN'] }
const reviewer: CaseActor = { ...nobody, personId: 'reviewer', centralRoles: ['DGD_REVIEWER'] }
const head: CaseActor = { ...nobody, personId: 'head', centralRoles: ['DGD_HEAD'] }
const auditor: CaseActor = { ...nobody, personId: 'auditor', centralRoles: ['AUDITOR'] }

const start: CaseSnapshot = {
  status: 'MEETING_REQUESTED',
  requiresAgreement: true,
  agreementStatus: null,
  signedBy: [],
  promotionReviewedBy: null,
}

describe('decide', () => {
  it('walks the whole path, each step by its role', () => {
    let s = start
    const step = (action: Parameters<typeof decide>[1], actor: CaseActor, patch: Partial<CaseSnapshot> = {}) => {
      const move = decide(s, action, actor)
      if (!move.ok) throw new Error(`${action} refused: ${move.refusal}`)
      s = { ...s, status: move.status, agreementStatus: move.agreementStatus, ...patch }
      return s
    }
    step('requestAgreement', consumerBusiness)
    expect(s).toMatchObject({ status: 'MEETING_REQUESTED', agreementStatus: 'REQUESTED' })
    step('scheduleMeeting', reviewer)
    step('recordMeetingHeld', head)
    expect(decide(s, 'provisionDevNode', reviewer)).toEqual({ ok: false, refusal: 'agreementPending' })
    step('approveAgreement', providerBusiness)
    step('provisionDevNode', reviewer)
    expect(s.status).toBe('DEV_NODE_PROVISIONED')
    step('signAgreementAsProvider', providerBusiness, { signedBy: ['PROVIDER'] })
    expect(s.agreementStatus).toBe('APPROVED')
    step('signAgreementAsConsumer', consumerBusiness, { signedBy: ['PROVIDER', 'CONSUMER'] })
    expect(s.agreementStatus).toBe('IN_FORCE')
    step('recordConnectivityTest', consumerTech)
    step('requestPromotion', consumerCtd)
    step('reviewPromotion', reviewer)
    step('approvePromotion', head)
    expect(s.status).toBe('CONNECTED')
  })

  it('skips the agreement when the service does not require one', () => {
    const s: CaseSnapshot = { ...start, status: 'MEETING_HELD', requiresAgreement: false }
    expect(decide(s, 'provisionDevNode', reviewer)).toMatchObject({ ok: true, status: 'DEV_NODE_PROVISIONED' })
    expect(decide(s, 'requestAgreement', consumerBusiness)).toEqual({ ok: false, refusal: 'agreementNotRequired' })
  })

  it('refuses the wrong role at every step', () => {
    expect(decide(start, 'scheduleMeeting', consumerCtd)).toEqual({ ok: false, refusal: 'caseWrongRole' })
    expect(decide(start, 'scheduleMeeting', auditor)).toEqual({ ok: false, refusal: 'caseWrongRole' })
    expect(decide(start, 'requestAgreement', providerBusiness)).toEqual({ ok: false, refusal: 'caseWrongRole' })
    const requested = { ...start, agreementStatus: 'REQUESTED' as const }
    expect(decide(requested, 'approveAgreement', consumerBusiness)).toEqual({ ok: false, refusal: 'caseWrongRole' })
    const testing: CaseSnapshot = { ...start, status: 'DEV_NODE_PROVISIONED' }
    expect(decide(testing, 'recordConnectivityTest', consumerCtd)).toEqual({ ok: false, refusal: 'caseWrongRole' })
    expect(decide(testing, 'requestPromotion', consumerTech)).toEqual({ ok: false, refusal: 'caseWrongRole' })
    const requestedPromotion: CaseSnapshot = { ...start, status: 'PROMOTION_REQUESTED' }
    expect(decide(requestedPromotion, 'reviewPromotion', head)).toEqual({ ok: false, refusal: 'caseWrongRole' })
    expect(decide(requestedPromotion, 'rejectPromotion', head)).toEqual({ ok: false, refusal: 'caseWrongRole' })
    const reviewed: CaseSnapshot = { ...start, status: 'PROMOTION_REVIEWED' }
    expect(decide(reviewed, 'approvePromotion', reviewer)).toEqual({ ok: false, refusal: 'caseWrongRole' })
  })

  it("refuses the head's approval from the person who reviewed the promotion, whatever roles they hold", () => {
    const reviewerAndHead: CaseActor = { ...nobody, personId: 'both', centralRoles: ['DGD_REVIEWER', 'DGD_HEAD'] }
    const reviewedByThem: CaseSnapshot = { ...start, status: 'PROMOTION_REVIEWED', promotionReviewedBy: 'both' }
    expect(decide(reviewedByThem, 'approvePromotion', reviewerAndHead)).toEqual({
      ok: false,
      refusal: 'promotionSameReviewer',
    })
    expect(decide(reviewedByThem, 'approvePromotion', head)).toMatchObject({ ok: true, status: 'CONNECTED' })
    // They may still reject it: sending it back needs no second person.
    expect(decide(reviewedByThem, 'rejectPromotion', reviewerAndHead)).toMatchObject({
      ok: true,
      status: 'DEV_NODE_PROVISIONED',
    })
  })

  it('refuses a repeat or a skipped step as the wrong state', () => {
    const scheduled: CaseSnapshot = { ...start, status: 'MEETING_SCHEDULED' }
    expect(decide(scheduled, 'scheduleMeeting', reviewer)).toEqual({ ok: false, refusal: 'caseWrongState' })
    expect(decide(start, 'recordMeetingHeld', reviewer)).toEqual({ ok: false, refusal: 'caseWrongState' })
    expect(decide(start, 'provisionDevNode', reviewer)).toEqual({ ok: false, refusal: 'caseWrongState' })
    expect(decide({ ...start, status: 'MEETING_HELD' }, 'requestPromotion', consumerCtd)).toEqual({
      ok: false,
      refusal: 'caseWrongState',
    })
    const requested = { ...start, agreementStatus: 'REQUESTED' as const }
    expect(decide(requested, 'requestAgreement', consumerBusiness)).toEqual({ ok: false, refusal: 'caseWrongState' })
    const signedByProvider: CaseSnapshot = { ...start, agreementStatus: 'APPROVED', signedBy: ['PROVIDER'] }
    expect(decide(signedByProvider, 'signAgreementAsProvider', providerBusiness)).toEqual({
      ok: false,
      refusal: 'caseWrongState',
    })
    const connected: CaseSnapshot = { ...start, status: 'CONNECTED' }
    expect(decide(connected, 'approvePromotion', head)).toEqual({ ok: false, refusal: 'caseWrongState' })
    expect(decide(connected, 'rejectPromotion', head)).toEqual({ ok: false, refusal: 'caseWrongState' })
  })

  it('closes the case when the provider rejects the agreement, and nothing moves after', () => {
    const requested = { ...start, agreementStatus: 'REQUESTED' as const }
    const move = decide(requested, 'rejectAgreement', providerBusiness)
    expect(move).toEqual({ ok: true, status: 'CLOSED', agreementStatus: 'REJECTED' })
    const closed: CaseSnapshot = { ...requested, status: 'CLOSED', agreementStatus: 'REJECTED' }
    expect(decide(closed, 'scheduleMeeting', reviewer)).toEqual({ ok: false, refusal: 'caseWrongState' })
    expect(decide(closed, 'approveAgreement', providerBusiness)).toEqual({ ok: false, refusal: 'caseWrongState' })
  })

  it('sends a rejected promotion back to testing, from either approval step', () => {
    expect(decide({ ...start, status: 'PROMOTION_REQUESTED' }, 'rejectPromotion', reviewer)).toMatchObject({
      ok: true,
      status: 'DEV_NODE_PROVISIONED',
    })
    expect(decide({ ...start, status: 'PROMOTION_REVIEWED' }, 'rejectPromotion', head)).toMatchObject({
      ok: true,
      status: 'DEV_NODE_PROVISIONED',
    })
  })
})

describe('waitingOn', () => {
  it('names who acts next', () => {
    expect(waitingOn(start)).toEqual(['DGD_REVIEWER', 'CONSUMER_BUSINESS_ADMIN'])
    expect(waitingOn({ ...start, status: 'MEETING_HELD', agreementStatus: 'REQUESTED' })).toEqual([
      'PROVIDER_BUSINESS_ADMIN',
    ])
    expect(waitingOn({ ...start, status: 'MEETING_HELD', agreementStatus: 'APPROVED' })).toEqual([
      'CONSUMER_BUSINESS_ADMIN',
      'PROVIDER_BUSINESS_ADMIN',
      'DGD_REVIEWER',
    ])
    expect(
      waitingOn({
        ...start,
        status: 'PROMOTION_REVIEWED',
        agreementStatus: 'IN_FORCE',
        signedBy: ['CONSUMER', 'PROVIDER'],
      }),
    ).toEqual(['DGD_HEAD'])
    expect(waitingOn({ ...start, status: 'CLOSED', agreementStatus: 'REJECTED' })).toEqual([])
  })
})

describe('nextSteps: who acts next, for the notices and the work queue alike', () => {
  /** Someone who holds exactly the party's role, on its side. */
  const asParty = (party: NextParty): CaseActor => {
    const { side, role } = nextPartyRoles[party]
    if (side === 'central') return { ...nobody, personId: party, centralRoles: [role] }
    return side === 'CONSUMER'
      ? { ...nobody, personId: party, consumerRoles: [role] }
      : { ...nobody, personId: party, providerRoles: [role] }
  }

  it('asks each party only for a move the workflow lets that party make, in every state a case can be in', () => {
    for (const snapshot of allSnapshots()) {
      for (const { party, step } of nextSteps(snapshot)) {
        const actor = asParty(party)
        expect(holdsParty(actor, party)).toBe(true)
        const action: CaseAction =
          step === 'signAgreement'
            ? nextPartyRoles[party].side === 'CONSUMER'
              ? 'signAgreementAsConsumer'
              : 'signAgreementAsProvider'
            : step
        expect(
          decide(snapshot, action, actor),
          `${party} asked to ${step} in ${JSON.stringify(snapshot)}`,
        ).toMatchObject({ ok: true })
      }
    }
  })

  it('asks nobody anything of a connected or closed case', () => {
    for (const snapshot of allSnapshots().filter((s) => s.status === 'CONNECTED' || s.status === 'CLOSED')) {
      expect(nextSteps(snapshot)).toEqual([])
    }
  })

  it('names the statuses in which a case can wait on each party', () => {
    expect(statusesWaitingOn('DGD_HEAD')).toEqual(['PROMOTION_REVIEWED'])
    expect(statusesWaitingOn('CONSUMER_CTD')).toEqual(['DEV_NODE_PROVISIONED'])
    expect(statusesWaitingOn('DGD_REVIEWER').sort()).toEqual([
      'MEETING_HELD',
      'MEETING_REQUESTED',
      'MEETING_SCHEDULED',
      'PROMOTION_REQUESTED',
    ])
    expect(statusesWaitingOn('CONSUMER_BUSINESS_ADMIN')).not.toContain('CONNECTED')
  })
})
