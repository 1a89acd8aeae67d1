/**
 * Every transition of a connection case, five ways: allowed (and exactly what changed), refused for
 * the wrong role, for the wrong institution, in the wrong state, and on a repeat (issue 3). A refusal
 * must leave the case as it was: its status, its rows, its timeline and its notices.
 */
import { isDeepStrictEqual } from 'node:util'
import { describe, expect, it } from 'vitest'
import { ForbiddenError, NotAPartyError } from '@/lib/auth/roles'
import { db } from '@/lib/db/client'
import { DomainError } from '@/lib/errors'
import { createCentralPerson, grantCentralRole } from '@/prisma/factories'
import {
  approveAgreement,
  approvePromotion,
  provisionDevNode,
  recordConnectivityTest,
  recordMeetingHeld,
  rejectAgreement,
  rejectPromotion,
  requestAgreement,
  requestMeeting,
  requestPromotion,
  reviewPromotion,
  scheduleMeeting,
  signAgreement,
} from './cases'
import type { ChecklistResult } from './checklist'
import {
  agreementTerms,
  caseAt,
  levels,
  meeting,
  passingTest,
  scenario,
  sha,
  type CaseScenario,
  type Scenario,
  type Stage,
  type Who,
  viewer,
} from '@/test/support/scenario'

// ───────────────────────────── What a case looks like ─────────────────────────────

/** Who a person is in the scenario, so that every difference reads as "who did what". */
function nameOf(s: Scenario, personId: string | null): string | null {
  if (personId === null) return null
  return Object.entries(s.people).find(([, p]) => p.personId === personId)?.[0] ?? 'someone outside the scenario'
}

function institutionOf(s: Scenario, institutionId: string): string {
  return institutionId === s.consumer.id
    ? 'consumer'
    : institutionId === s.provider.id
      ? 'provider'
      : 'another institution'
}

/**
 * Everything a step may touch, in the scenario's words. Lists are sorted: two steps can share a
 * millisecond, so the order of rows is not what a test should depend on.
 */
async function footprint(s: Scenario, caseId: string) {
  const [c, events, notices] = await Promise.all([
    db.connectionCase.findUniqueOrThrow({
      where: { id: caseId },
      select: {
        status: true,
        meetingAt: true,
        meetingLink: true,
        meetingNotes: true,
        agreement: {
          select: {
            status: true,
            requestedById: true,
            decidedById: true,
            serviceLevels: true,
            rejectionReason: true,
            inForceFrom: true,
            signatures: { select: { party: true, signedById: true } },
          },
        },
        grants: { select: { environment: true, grantedById: true, node: { select: { institutionId: true } } } },
        tests: { select: { outcome: true, recordedById: true } },
        promotions: {
          orderBy: { requestedAt: 'asc' },
          select: {
            status: true,
            requestedById: true,
            reviewedById: true,
            approvedById: true,
            rejectedById: true,
            rejectionReason: true,
            checklist: true,
          },
        },
      },
    }),
    db.auditEvent.findMany({
      where: { targetType: 'ConnectionCase', targetId: caseId },
      select: { action: true, actorId: true },
    }),
    db.notification.findMany({ where: { caseId }, select: { recipientId: true } }),
  ])
  const a = c.agreement
  const noticed = notices.map((n) => nameOf(s, n.recipientId)!)
  return {
    status: c.status,
    meeting: { at: c.meetingAt?.toISOString() ?? null, link: c.meetingLink, notes: c.meetingNotes },
    agreement: a && {
      status: a.status,
      requestedBy: nameOf(s, a.requestedById),
      decidedBy: nameOf(s, a.decidedById),
      serviceLevels: a.serviceLevels,
      rejectionReason: a.rejectionReason,
      inForce: a.inForceFrom !== null,
    },
    signatures: (a?.signatures ?? []).map((x) => `${x.party} by ${nameOf(s, x.signedById)}`).sort(),
    nodes: c.grants
      .map((g) => `${g.environment} for the ${institutionOf(s, g.node.institutionId)}, by ${nameOf(s, g.grantedById)}`)
      .sort(),
    tests: c.tests.map((t) => `${t.outcome} by ${nameOf(s, t.recordedById)}`).sort(),
    promotions: c.promotions.map((p) => ({
      status: p.status,
      requestedBy: nameOf(s, p.requestedById),
      reviewedBy: nameOf(s, p.reviewedById),
      approvedBy: nameOf(s, p.approvedById),
      rejectedBy: nameOf(s, p.rejectedById),
      rejectionReason: p.rejectionReason,
      unmet: (p.checklist as ChecklistResult).filter((i) => !i.met).map((i) => i.item),
    })),
    timeline: events.map((e) => `${e.action} by ${nameOf(s, e.actorId)}`).sort(),
    /** Notices to the scenario's people; DGD staff of other tests share the database and are told too. */
    notices: noticed.filter((n) => n !== 'someone outside the scenario').sort(),
    otherNotices: noticed.filter((n) => n === 'someone outside the scenario').length,
  }
}
type Footprint = Awaited<ReturnType<typeof footprint>>

/** How a move ended, as one comparable string: "allowed", "DomainError(caseWrongState)", "NotAPartyError", "ForbiddenError(connections.request)". */
async function outcome(move: Promise<unknown>): Promise<string> {
  try {
    await move
    return 'allowed'
  } catch (error) {
    if (error instanceof DomainError) return `DomainError(${error.code})`
    if (error instanceof NotAPartyError) return 'NotAPartyError'
    if (error instanceof ForbiddenError) return `ForbiddenError(${error.permission})`
    throw error
  }
}
const wrongRole = 'DomainError(caseWrongRole)'
const wrongState = 'DomainError(caseWrongState)'
const notAParty = 'NotAPartyError'

/**
 * Refusals share one case per stage: a refusal must leave its case untouched (that is what each of
 * them asserts), so the next one can start from it. A case that a refusal did change is discarded, so
 * one failure never leaks into the next test.
 */
const untouched = new Map<string, Promise<CaseScenario>>()
function untouchedCaseAt(stage: Stage, options: { requiresAgreement?: boolean } = {}) {
  const key = `${stage}:${options.requiresAgreement ?? true}`
  if (!untouched.has(key)) {
    const made = caseAt(stage, options)
    // A stage that could not be reached fails this test and is tried afresh by the next one.
    made.catch(() => untouched.delete(key))
    untouched.set(key, made)
  }
  return { get: untouched.get(key)!, discard: () => untouched.delete(key) }
}

async function expectRefused(
  shared: ReturnType<typeof untouchedCaseAt>,
  attempt: (c: CaseScenario) => Promise<unknown>,
  refusal: string,
) {
  const c = await shared.get
  const before = await footprint(c, c.caseId)
  const got = await outcome(attempt(c))
  const after = await footprint(c, c.caseId)
  if (!isDeepStrictEqual(after, before)) shared.discard()
  expect(got, 'how the move was refused').toBe(refusal)
  expect(after, 'the case after the refused move').toEqual(before)
}

// ─────────────────────────────── The transitions ───────────────────────────────

const who = {
  consumerCtd: "the consumer's CTD",
  consumerBusiness: "the consumer's business admin",
  consumerTech: "the consumer's technical admin",
  providerCtd: "the provider's CTD",
  providerBusiness: "the provider's business admin",
  providerTech: "the provider's technical admin",
  reviewer: 'a DGD reviewer',
  head: 'the DGD head',
  auditor: 'an auditor (central role, not DGD staff)',
  outsiderCtd: 'the CTD of an unrelated institution (not a party)',
  outsiderBusiness: 'the business admin of an unrelated institution (not a party)',
  outsiderTech: 'the technical admin of an unrelated institution (not a party)',
} satisfies Record<Who, string>

type Transition = {
  /** The audit action, `case.<action>`. */
  action: string
  title?: string
  from: Stage
  by: Who
  move: (c: CaseScenario, actor: Who) => Promise<unknown>
  /** What the allowed move changes, besides one audit event by its actor. */
  changes: (before: Footprint) => Partial<Footprint>
  /** The scenario's people newly told that the case waits on them. */
  notifies: Who[]
  /** What the allowed move returns, where it returns something. */
  returns?: (c: CaseScenario, returned: unknown) => Promise<void>
  wrongRole: Who[]
  /** Same role elsewhere: an unrelated institution, or (for a party's step) the other party. */
  wrongInstitution: { who: Who; refusal: string }[]
  wrongState: { at: Stage; why: string; refusal: string; requiresAgreement?: boolean }[]
  /** The refusal of a second identical move, or 'repeatable' where a second one is legitimate. */
  repeat: string | 'repeatable'
}

const dgdOnlyOutsiders = [{ who: 'outsiderCtd' as const, refusal: notAParty }]

const transitions: Transition[] = [
  {
    action: 'scheduleMeeting',
    from: 'meetingRequested',
    by: 'reviewer',
    move: (c, actor) => scheduleMeeting(c.people[actor], c.caseId, meeting),
    // 10:00 in Santiago in December (summer time, UTC−3).
    changes: () => ({
      status: 'MEETING_SCHEDULED',
      meeting: { at: meeting.meetingAt.toISOString(), link: meeting.meetingLink, notes: null },
    }),
    notifies: [],
    wrongRole: ['consumerCtd', 'auditor'],
    wrongInstitution: dgdOnlyOutsiders,
    wrongState: [
      { at: 'meetingHeld', why: 'the meeting was already held', refusal: wrongState },
      { at: 'closed', why: 'the case was closed', refusal: wrongState },
    ],
    repeat: wrongState,
  },
  {
    action: 'recordMeetingHeld',
    from: 'meetingScheduled',
    by: 'reviewer',
    move: (c, actor) => recordMeetingHeld(c.people[actor], c.caseId, { meetingNotes: 'Se acordó el alcance' }),
    changes: (b) => ({ status: 'MEETING_HELD', meeting: { ...b.meeting, notes: 'Se acordó el alcance' } }),
    notifies: [],
    wrongRole: ['consumerCtd', 'auditor'],
    wrongInstitution: dgdOnlyOutsiders,
    wrongState: [{ at: 'meetingRequested', why: 'the meeting is not scheduled yet', refusal: wrongState }],
    repeat: wrongState,
  },
  {
    action: 'requestAgreement',
    from: 'meetingHeld',
    by: 'consumerBusiness',
    move: (c, actor) => requestAgreement(c.people[actor], c.caseId, agreementTerms),
    changes: () => ({
      agreement: {
        status: 'REQUESTED',
        requestedBy: 'consumerBusiness',
        decidedBy: null,
        serviceLevels: null,
        rejectionReason: null,
        inForce: false,
      },
    }),
    notifies: ['providerBusiness'],
    wrongRole: ['consumerTech', 'consumerCtd'],
    wrongInstitution: [
      { who: 'outsiderBusiness', refusal: notAParty },
      { who: 'providerBusiness', refusal: wrongRole },
    ],
    wrongState: [
      { at: 'closed', why: 'the provider rejected the agreement and the case is closed', refusal: wrongState },
      {
        at: 'meetingHeld',
        requiresAgreement: false,
        why: 'the service requires no agreement',
        refusal: 'DomainError(agreementNotRequired)',
      },
    ],
    repeat: wrongState,
  },
  {
    action: 'approveAgreement',
    from: 'agreementRequested',
    by: 'providerBusiness',
    move: (c, actor) => approveAgreement(c.people[actor], c.caseId, levels),
    changes: (b) => ({
      agreement: {
        ...b.agreement!,
        status: 'APPROVED',
        decidedBy: 'providerBusiness',
        serviceLevels: {
          availability: levels.availability,
          responseTime: levels.responseTime,
          supportHours: levels.supportHours,
        },
      },
    }),
    // The consumer must now sign, and DGD may hand over the development node.
    notifies: ['consumerBusiness', 'reviewer'],
    wrongRole: ['providerTech', 'providerCtd'],
    wrongInstitution: [
      { who: 'outsiderBusiness', refusal: notAParty },
      { who: 'consumerBusiness', refusal: wrongRole },
    ],
    wrongState: [
      { at: 'meetingHeld', why: 'no agreement was requested', refusal: wrongState },
      { at: 'closed', why: 'the agreement was already rejected', refusal: wrongState },
    ],
    repeat: wrongState,
  },
  {
    action: 'rejectAgreement',
    from: 'agreementRequested',
    by: 'providerBusiness',
    move: (c, actor) => rejectAgreement(c.people[actor], c.caseId, 'No corresponde la finalidad'),
    changes: (b) => ({
      status: 'CLOSED',
      agreement: {
        ...b.agreement!,
        status: 'REJECTED',
        decidedBy: 'providerBusiness',
        rejectionReason: 'No corresponde la finalidad',
      },
    }),
    // Nobody acts next, but the consumer's CTD and business admin are told why the case closed.
    notifies: ['consumerBusiness', 'consumerCtd'],
    wrongRole: ['providerTech', 'providerCtd'],
    wrongInstitution: [
      { who: 'outsiderBusiness', refusal: notAParty },
      { who: 'consumerBusiness', refusal: wrongRole },
    ],
    wrongState: [{ at: 'agreementApproved', why: 'the agreement was already approved', refusal: wrongState }],
    repeat: wrongState,
  },
  {
    action: 'signAgreementAsProvider',
    title: 'signAgreement (PROVIDER)',
    from: 'agreementApproved',
    by: 'providerBusiness',
    move: (c, actor) => signAgreement(c.people[actor], c.caseId, 'PROVIDER', sha),
    changes: () => ({ signatures: ['PROVIDER by providerBusiness'] }),
    notifies: [],
    wrongRole: ['providerTech', 'providerCtd'],
    wrongInstitution: [
      { who: 'outsiderBusiness', refusal: notAParty },
      { who: 'consumerBusiness', refusal: wrongRole },
    ],
    wrongState: [{ at: 'agreementRequested', why: 'the agreement is not approved yet', refusal: wrongState }],
    repeat: wrongState,
  },
  {
    action: 'signAgreementAsConsumer',
    title: 'signAgreement (CONSUMER, second signature)',
    from: 'signedByProvider',
    by: 'consumerBusiness',
    move: (c, actor) => signAgreement(c.people[actor], c.caseId, 'CONSUMER', sha),
    // The second signature puts the agreement in force.
    changes: (b) => ({
      signatures: ['CONSUMER by consumerBusiness', 'PROVIDER by providerBusiness'],
      agreement: { ...b.agreement!, status: 'IN_FORCE', inForce: true },
    }),
    notifies: [],
    wrongRole: ['consumerTech', 'consumerCtd'],
    wrongInstitution: [
      { who: 'outsiderBusiness', refusal: notAParty },
      { who: 'providerBusiness', refusal: wrongRole },
    ],
    wrongState: [{ at: 'agreementRequested', why: 'the agreement is not approved yet', refusal: wrongState }],
    repeat: wrongState,
  },
  {
    action: 'provisionDevNode',
    from: 'agreementApproved',
    by: 'reviewer',
    move: (c, actor) => provisionDevNode(c.people[actor], c.caseId),
    changes: () => ({ status: 'DEV_NODE_PROVISIONED', nodes: ['DEVELOPMENT for the consumer, by reviewer'] }),
    // The technical administrator is asked to test, and told the node is ready for its credential.
    notifies: ['consumerCtd', 'consumerTech', 'consumerTech'],
    wrongRole: ['consumerCtd', 'auditor'],
    wrongInstitution: dgdOnlyOutsiders,
    wrongState: [
      { at: 'meetingScheduled', why: 'the meeting is not held yet', refusal: wrongState },
      {
        at: 'agreementRequested',
        why: 'the provider has not approved the agreement',
        refusal: 'DomainError(agreementPending)',
      },
    ],
    repeat: wrongState,
  },
  {
    action: 'recordConnectivityTest',
    from: 'devNodeProvisioned',
    by: 'consumerTech',
    move: (c, actor) => recordConnectivityTest(c.people[actor], c.caseId, passingTest()),
    changes: () => ({ tests: ['PASSED by consumerTech'] }),
    notifies: [],
    wrongRole: ['consumerCtd', 'consumerBusiness'],
    wrongInstitution: [
      { who: 'outsiderTech', refusal: notAParty },
      { who: 'providerTech', refusal: wrongRole },
    ],
    wrongState: [
      { at: 'agreementApproved', why: 'there is no development node yet', refusal: wrongState },
      { at: 'connected', why: 'the case is already connected', refusal: wrongState },
      { at: 'closed', why: 'the case was closed', refusal: wrongState },
    ],
    repeat: 'repeatable',
  },
  {
    action: 'requestPromotion',
    from: 'readyForPromotion',
    by: 'consumerCtd',
    move: (c, actor) => requestPromotion(c.people[actor], c.caseId),
    changes: () => ({
      status: 'PROMOTION_REQUESTED',
      promotions: [
        {
          status: 'REQUESTED',
          requestedBy: 'consumerCtd',
          reviewedBy: null,
          approvedBy: null,
          rejectedBy: null,
          rejectionReason: null,
          unmet: [],
        },
      ],
    }),
    notifies: ['reviewer'],
    returns: async (_c, checklist) => expect((checklist as ChecklistResult).every((i) => i.met)).toBe(true),
    wrongRole: ['consumerTech', 'consumerBusiness'],
    wrongInstitution: [
      { who: 'outsiderCtd', refusal: notAParty },
      { who: 'providerCtd', refusal: wrongRole },
    ],
    wrongState: [{ at: 'meetingRequested', why: 'the meeting is only requested', refusal: wrongState }],
    repeat: wrongState,
  },
  {
    action: 'reviewPromotion',
    from: 'promotionRequested',
    by: 'reviewer',
    move: (c, actor) => reviewPromotion(c.people[actor], c.caseId),
    changes: (b) => ({
      status: 'PROMOTION_REVIEWED',
      promotions: [{ ...b.promotions[0]!, status: 'REVIEWED', reviewedBy: 'reviewer' }],
    }),
    notifies: ['head'],
    wrongRole: ['head', 'auditor'],
    wrongInstitution: [...dgdOnlyOutsiders, { who: 'consumerCtd', refusal: wrongRole }],
    wrongState: [{ at: 'readyForPromotion', why: 'no promotion was requested', refusal: wrongState }],
    repeat: wrongState,
  },
  {
    action: 'approvePromotion',
    from: 'promotionReviewed',
    by: 'head',
    move: (c, actor) => approvePromotion(c.people[actor], c.caseId),
    changes: (b) => ({
      status: 'CONNECTED',
      promotions: [{ ...b.promotions[0]!, status: 'APPROVED', approvedBy: 'head' }],
      nodes: [...b.nodes, 'PRODUCTION for the consumer, by head'].sort(),
    }),
    // Nobody acts next, but the consumer learns that its case is connected, and its technical
    // administrator that the production node is ready for its credential.
    notifies: ['consumerCtd', 'consumerBusiness', 'consumerTech', 'consumerTech'],
    // The head sees no secret: the consumer's technical administrators issue the node's credential.
    returns: async (c, returned) => {
      expect(returned).not.toHaveProperty('credential')
      expect(await db.nodeCredential.count({ where: { node: { institutionId: c.consumer.id } } })).toBe(0)
    },
    wrongRole: ['reviewer', 'auditor'],
    wrongInstitution: [...dgdOnlyOutsiders, { who: 'consumerCtd', refusal: wrongRole }],
    wrongState: [
      { at: 'promotionRequested', why: 'the reviewer has not reviewed it (a skipped step)', refusal: wrongState },
    ],
    repeat: wrongState,
  },
  {
    action: 'rejectPromotion',
    title: 'rejectPromotion (by the reviewer, at PROMOTION_REQUESTED)',
    from: 'promotionRequested',
    by: 'reviewer',
    move: (c, actor) => rejectPromotion(c.people[actor], c.caseId, 'Falta la prueba de carga'),
    changes: (b) => ({
      status: 'DEV_NODE_PROVISIONED',
      promotions: [
        {
          ...b.promotions[0]!,
          status: 'REJECTED',
          rejectedBy: 'reviewer',
          rejectionReason: 'Falta la prueba de carga',
        },
      ],
    }),
    // Back to the consumer, who fixes what was wrong and asks again.
    notifies: ['consumerCtd', 'consumerTech'],
    wrongRole: ['head', 'auditor'],
    wrongInstitution: [...dgdOnlyOutsiders, { who: 'consumerCtd', refusal: wrongRole }],
    wrongState: [{ at: 'readyForPromotion', why: 'no promotion was requested', refusal: wrongState }],
    repeat: wrongState,
  },
  {
    action: 'rejectPromotion',
    title: 'rejectPromotion (by the head, at PROMOTION_REVIEWED)',
    from: 'promotionReviewed',
    by: 'head',
    move: (c, actor) => rejectPromotion(c.people[actor], c.caseId, 'Falta la prueba de carga'),
    changes: (b) => ({
      status: 'DEV_NODE_PROVISIONED',
      promotions: [
        { ...b.promotions[0]!, status: 'REJECTED', rejectedBy: 'head', rejectionReason: 'Falta la prueba de carga' },
      ],
    }),
    notifies: ['consumerCtd', 'consumerTech'],
    wrongRole: ['reviewer', 'auditor'],
    wrongInstitution: [...dgdOnlyOutsiders, { who: 'consumerCtd', refusal: wrongRole }],
    wrongState: [{ at: 'connected', why: 'the promotion was already approved', refusal: wrongState }],
    repeat: wrongState,
  },
]

// Titles are built here rather than by `it.each` interpolation, which quotes and truncates them.
for (const t of transitions) {
  describe(t.title ?? t.action, () => {
    const event = `case.${t.action} by ${t.by}`

    it(`allowed: ${who[t.by]}, from ${t.from}; exactly what changes`, async () => {
      const c = await caseAt(t.from)
      const before = await footprint(c, c.caseId)
      const returned = await t.move(c, t.by)
      expect(await footprint(c, c.caseId)).toEqual({
        ...before,
        ...t.changes(before),
        timeline: [...before.timeline, event].sort(),
        notices: [...before.notices, ...t.notifies].sort(),
        otherNotices: expect.any(Number),
      })
      await t.returns?.(c, returned)
    })

    for (const actor of t.wrongRole) {
      it(`refused for the wrong role: ${who[actor]} → ${wrongRole}`, async () => {
        await expectRefused(untouchedCaseAt(t.from), (c) => t.move(c, actor), wrongRole)
      })
    }

    for (const { who: actor, refusal } of t.wrongInstitution) {
      it(`refused for the wrong institution: ${who[actor]} → ${refusal}`, async () => {
        await expectRefused(untouchedCaseAt(t.from), (c) => t.move(c, actor), refusal)
      })
    }

    for (const { at, why, refusal, requiresAgreement } of t.wrongState) {
      it(`refused in the wrong state: at ${at}, ${why} → ${refusal}`, async () => {
        await expectRefused(untouchedCaseAt(at, { requiresAgreement }), (c) => t.move(c, t.by), refusal)
      })
    }

    if (t.repeat === 'repeatable') {
      it('repeatable: a second move is recorded as its own row and audit event', async () => {
        const c = await caseAt(t.from)
        await t.move(c, t.by)
        const once = await footprint(c, c.caseId)
        await t.move(c, t.by)
        const twice = await footprint(c, c.caseId)
        expect(twice.tests).toEqual([...once.tests, ...t.changes(once).tests!].sort())
        expect(twice.timeline.filter((e) => e === event)).toHaveLength(2)
      })
    } else {
      const refusal = t.repeat
      it(`refused on repeat → ${refusal}, with nothing created twice`, async () => {
        const c = await caseAt(t.from)
        await t.move(c, t.by)
        const once = await footprint(c, c.caseId)
        expect(await outcome(t.move(c, t.by)), 'how the second move was refused').toBe(refusal)
        const after = await footprint(c, c.caseId)
        expect(after, 'the case after the second move').toEqual(once)
        expect(
          after.timeline.filter((e) => e === event),
          'one audit event for the step',
        ).toHaveLength(1)
      })
    }
  })
}

// ───────────────────── requestMeeting: the move that opens a case ─────────────────────

const meetingRequest = (s: Scenario, requesterRole: 'CONSUMER' | 'PROVIDER' = 'CONSUMER') => ({
  consumerId: s.consumer.id,
  serviceId: s.service.id,
  requesterRole,
  needs: 'Consultar datos de identidad',
  preferredDates: [new Date('2026-12-01')],
})

/** The cases of the scenario's service, each as its footprint: before a request opens one, there are none. */
async function serviceCases(s: Scenario) {
  const cases = await db.connectionCase.findMany({ where: { serviceId: s.service.id }, select: { id: true } })
  return Promise.all(cases.map((c) => footprint(s, c.id)))
}

describe('requestMeeting', () => {
  const opened = (requestedBy: Who, notices: Who[]) => ({
    status: 'MEETING_REQUESTED',
    meeting: { at: null, link: null, notes: null },
    agreement: null,
    signatures: [],
    nodes: [],
    tests: [],
    promotions: [],
    timeline: [`case.requestMeeting by ${requestedBy}`],
    notices,
    otherNotices: expect.any(Number),
  })

  it("allowed: the consumer's CTD opens a case, and the DGD and the consumer's business admin are told", async () => {
    const s = await scenario()
    const { id } = await requestMeeting(s.people.consumerCtd, meetingRequest(s))
    const created = await db.connectionCase.findUniqueOrThrow({
      where: { id },
      select: { consumerId: true, providerId: true, requesterRole: true },
    })
    expect(created).toEqual({ consumerId: s.consumer.id, providerId: s.provider.id, requesterRole: 'CONSUMER' })
    expect(await serviceCases(s)).toEqual([opened('consumerCtd', ['consumerBusiness', 'reviewer'])])
  })

  it("allowed: the provider's CTD opens a case on the consumer's behalf", async () => {
    const s = await scenario()
    await requestMeeting(s.people.providerCtd, meetingRequest(s, 'PROVIDER'))
    expect(await serviceCases(s)).toEqual([opened('providerCtd', ['consumerBusiness', 'reviewer'])])
  })

  const wrongRequesters = [
    { actor: 'consumerTech', requesterRole: 'CONSUMER' },
    { actor: 'consumerBusiness', requesterRole: 'CONSUMER' },
    { actor: 'reviewer', requesterRole: 'CONSUMER' },
    // The consumer's CTD does not speak for the provider.
    { actor: 'consumerCtd', requesterRole: 'PROVIDER' },
  ] as const
  for (const { actor, requesterRole } of wrongRequesters) {
    it(`refused for the wrong role: ${who[actor]}, requesting as ${requesterRole} → ForbiddenError(connections.request), no case`, async () => {
      const s = await scenario()
      expect(await outcome(requestMeeting(s.people[actor], meetingRequest(s, requesterRole)))).toBe(
        'ForbiddenError(connections.request)',
      )
      expect(await serviceCases(s)).toEqual([])
    })
  }

  it('refused for the wrong institution: the CTD of an unrelated institution → ForbiddenError(connections.request), no case', async () => {
    const s = await scenario()
    expect(await outcome(requestMeeting(s.people.outsiderCtd, meetingRequest(s)))).toBe(
      'ForbiddenError(connections.request)',
    )
    expect(await serviceCases(s)).toEqual([])
  })

  // No case exists before this move, so its only state rule is that there are two sides to connect.
  it("refused in the wrong state: the provider's CTD asking to consume its own service → caseSameInstitution, no case", async () => {
    const s = await scenario()
    const own = { ...meetingRequest(s), consumerId: s.provider.id }
    expect(await outcome(requestMeeting(s.people.providerCtd, own))).toBe('DomainError(caseSameInstitution)')
    expect(await serviceCases(s)).toEqual([])
  })

  it('refused on repeat: a second request for the same consumer and service while its first case is open → caseAlreadyOpen, no second case', async () => {
    const s = await scenario()
    const first = await requestMeeting(s.people.consumerCtd, meetingRequest(s))
    const before = await serviceCases(s)
    const repeat = requestMeeting(s.people.providerCtd, meetingRequest(s, 'PROVIDER'))
    await expect(repeat).rejects.toMatchObject({ code: 'caseAlreadyOpen', values: { number: first.number } })
    expect(await serviceCases(s)).toEqual(before)
  })

  it('two simultaneous requests for the same consumer and service open exactly one case', async () => {
    const s = await scenario()
    const outcomes = await Promise.all([
      outcome(requestMeeting(s.people.consumerCtd, meetingRequest(s))),
      outcome(requestMeeting(s.people.providerCtd, meetingRequest(s, 'PROVIDER'))),
    ])
    expect(outcomes.sort()).toEqual(['DomainError(caseAlreadyOpen)', 'allowed'])
    expect(await serviceCases(s)).toHaveLength(1)
  })

  it('a new request is allowed once the previous case for that consumer and service was closed', async () => {
    const c = await caseAt('closed')
    await requestMeeting(c.people.consumerCtd, meetingRequest(c))
    const statuses = (await serviceCases(c)).map((f) => f.status).sort()
    expect(statuses).toEqual(['CLOSED', 'MEETING_REQUESTED'])
  })
})

describe('two people approve a promotion', () => {
  it("refuses the head's approval from the person who reviewed it, even holding both roles, and changes nothing", async () => {
    const c = await caseAt('promotionRequested')
    const both = await createCentralPerson(db, 'DGD_REVIEWER')
    await grantCentralRole(db, both.id, 'DGD_HEAD')
    const reviewerAndHead = await viewer(both.id)
    await reviewPromotion(reviewerAndHead, c.caseId)
    const before = await footprint(c, c.caseId)

    expect(await outcome(approvePromotion(reviewerAndHead, c.caseId))).toBe('DomainError(promotionSameReviewer)')
    expect(await footprint(c, c.caseId)).toEqual(before)
    expect(await outcome(approvePromotion(c.people.head, c.caseId))).toBe('allowed')
  })
})
