import { describe, expect, it } from 'vitest'
import { ForbiddenError } from '@/lib/auth/roles'
import { db } from '@/lib/db/client'
import { DomainError } from '@/lib/errors'
import { createCentralPerson } from '@/prisma/factories'
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
import {
  agreementTerms,
  justNow,
  caseAtTesting,
  levels,
  makeReady,
  reportNodeTest,
  scenario,
  sha,
  viewer,
} from '@/test/support/scenario'

describe('a connection case, step by step', () => {
  it('goes from meeting request to production credentials, with a timeline of who did what', async () => {
    const s = await caseAtTesting()
    const { caseId, people } = s
    await signAgreement(people.providerBusiness, caseId, 'PROVIDER', sha)
    await signAgreement(people.consumerBusiness, caseId, 'CONSUMER', sha)
    expect((await db.agreement.findUniqueOrThrow({ where: { caseId } })).status).toBe('IN_FORCE')

    await reportNodeTest(caseId)
    await makeReady(s.consumer.id, people.consumerCtd.personId)
    await requestPromotion(people.consumerCtd, caseId)
    await reviewPromotion(people.reviewer, caseId)
    const approved = await approvePromotion(people.head, caseId)
    // The head gets no secret: the consumer's node is granted access, its credential issued by its own people.
    expect(approved).not.toHaveProperty('credential')
    expect(await db.nodeCredential.count({ where: { node: { institutionId: s.consumer.id } } })).toBe(0)

    const grants = await db.accessGrant.findMany({
      where: { caseId },
      orderBy: { environment: 'asc' },
      select: { environment: true, node: { select: { institutionId: true, environment: true, name: true } } },
    })
    expect(grants).toEqual([
      {
        environment: 'DEVELOPMENT',
        node: { institutionId: s.consumer.id, environment: 'DEVELOPMENT', name: 'nodo-desarrollo-1' },
      },
      {
        environment: 'PRODUCTION',
        node: { institutionId: s.consumer.id, environment: 'PRODUCTION', name: 'nodo-produccion-1' },
      },
    ])
    expect((await db.connectionCase.findUniqueOrThrow({ where: { id: caseId } })).status).toBe('CONNECTED')

    const timeline = await db.auditEvent.findMany({
      where: { targetId: caseId },
      orderBy: { at: 'asc' },
      select: { action: true },
    })
    expect(timeline.map((e) => e.action)).toEqual([
      'case.requestMeeting',
      'case.scheduleMeeting',
      'case.recordMeetingHeld',
      'case.requestAgreement',
      'case.approveAgreement',
      'case.provisionDevNode',
      'case.signAgreementAsProvider',
      'case.signAgreementAsConsumer',
      'case.recordConnectivityTest',
      'case.requestPromotion',
      'case.reviewPromotion',
      'case.approvePromotion',
    ])
  }, 60_000)

  it("counts only the node's own tests for promotion: a declared passing test stays declared", async () => {
    const s = await caseAtTesting()
    const { caseId, people } = s
    await signAgreement(people.providerBusiness, caseId, 'PROVIDER', sha)
    await signAgreement(people.consumerBusiness, caseId, 'CONSUMER', sha)
    await makeReady(s.consumer.id, people.consumerCtd.personId)
    await recordConnectivityTest(people.consumerTech, caseId, {
      ranAt: justNow(),
      target: 'dev',
      outcome: 'PASSED',
      latencyMs: 90,
      notes: null,
    })
    await expect(requestPromotion(people.consumerCtd, caseId)).rejects.toEqual(new DomainError('checklistUnmet'))
    await reportNodeTest(caseId, 'FAILED')
    await expect(requestPromotion(people.consumerCtd, caseId)).rejects.toEqual(new DomainError('checklistUnmet'))

    await reportNodeTest(caseId)
    const checklist = await requestPromotion(people.consumerCtd, caseId)
    expect(checklist.find((r) => r.item === 'recentPassingTest')?.met).toBe(true)
    const tests = await db.connectivityTest.findMany({ where: { caseId }, orderBy: { createdAt: 'asc' } })
    expect(tests.map((t) => [t.source, t.outcome])).toEqual([
      ['DECLARED', 'PASSED'],
      ['NODE', 'FAILED'],
      ['NODE', 'PASSED'],
    ])
  })

  it('refuses each step to the wrong role, the wrong institution, in the wrong state and on repeat', async () => {
    const s = await scenario()
    const { people } = s
    const input = {
      consumerId: s.consumer.id,
      serviceId: s.service.id,
      requesterRole: 'CONSUMER' as const,
      needs: 'x',
      preferredDates: [new Date('2026-12-01')],
    }
    await expect(requestMeeting(people.outsiderCtd, input)).rejects.toThrow(ForbiddenError)
    await expect(requestMeeting(people.consumerTech, input)).rejects.toThrow(ForbiddenError)
    const { id } = await requestMeeting(people.consumerCtd, input)

    const meeting = { meetingAt: new Date(Date.now() - 3_600_000), meetingLink: 'https://meet.example.cl/x' }
    await expect(scheduleMeeting(people.consumerCtd, id, meeting)).rejects.toThrow(new DomainError('caseWrongRole'))
    await expect(scheduleMeeting(people.outsiderCtd, id, meeting)).rejects.toThrow(ForbiddenError)
    await expect(recordMeetingHeld(people.reviewer, id, { meetingNotes: 'x' })).rejects.toThrow(
      new DomainError('caseWrongState'),
    )
    await scheduleMeeting(people.reviewer, id, meeting)
    await expect(scheduleMeeting(people.reviewer, id, meeting)).rejects.toThrow(new DomainError('caseWrongState'))

    await expect(requestAgreement(people.providerBusiness, id, agreementTerms)).rejects.toThrow(
      new DomainError('caseWrongRole'),
    )
    await requestAgreement(people.consumerBusiness, id, agreementTerms)
    await expect(requestAgreement(people.consumerBusiness, id, agreementTerms)).rejects.toThrow(
      new DomainError('caseWrongState'),
    )
    await expect(approveAgreement(people.consumerBusiness, id, levels)).rejects.toThrow(
      new DomainError('caseWrongRole'),
    )
    await recordMeetingHeld(people.reviewer, id, { meetingNotes: 'x' })
    await expect(provisionDevNode(people.reviewer, id)).rejects.toThrow(new DomainError('agreementPending'))
    await expect(requestPromotion(people.consumerCtd, id)).rejects.toThrow(new DomainError('caseWrongState'))

    // Every refusal left the case as it was, with one audit event per step that happened.
    expect(await db.auditEvent.count({ where: { targetId: id } })).toBe(4)
  })

  it('closes the case when the provider rejects the agreement', async () => {
    const s = await scenario()
    const { id } = await requestMeeting(s.people.consumerCtd, {
      consumerId: s.consumer.id,
      serviceId: s.service.id,
      requesterRole: 'CONSUMER',
      needs: 'x',
      preferredDates: [new Date('2026-12-01')],
    })
    await requestAgreement(s.people.consumerBusiness, id, agreementTerms)
    await rejectAgreement(s.people.providerBusiness, id, 'No corresponde la finalidad')
    const closed = await db.connectionCase.findUniqueOrThrow({
      where: { id },
      select: { status: true, agreement: true },
    })
    expect(closed.status).toBe('CLOSED')
    expect(closed.agreement).toMatchObject({ status: 'REJECTED', rejectionReason: 'No corresponde la finalidad' })
    await expect(
      scheduleMeeting(s.people.reviewer, id, {
        meetingAt: new Date('2026-12-01T13:00:00Z'),
        meetingLink: 'https://x.cl',
      }),
    ).rejects.toThrow(new DomainError('caseWrongState'))
  })

  it('refuses a promotion request while a checklist item is unmet, and changes nothing', async () => {
    const s = await caseAtTesting()
    await expect(requestPromotion(s.people.consumerCtd, s.caseId)).rejects.toThrow(new DomainError('checklistUnmet'))
    expect((await db.connectionCase.findUniqueOrThrow({ where: { id: s.caseId } })).status).toBe('DEV_NODE_PROVISIONED')
    expect(await db.promotionRequest.count({ where: { caseId: s.caseId } })).toBe(0)
  })
})

describe('racing decisions', () => {
  it('20 simultaneous approve/reject pairs at the head approval: one decision, one audit event, at most one node', async () => {
    const s = await caseAtTesting()
    const { caseId, people } = s
    await signAgreement(people.providerBusiness, caseId, 'PROVIDER', sha)
    await signAgreement(people.consumerBusiness, caseId, 'CONSUMER', sha)
    await reportNodeTest(caseId)
    await makeReady(s.consumer.id, people.consumerCtd.personId)
    await requestPromotion(people.consumerCtd, caseId)
    await reviewPromotion(people.reviewer, caseId)
    const secondHead = await viewer((await createCentralPerson(db, 'DGD_HEAD')).id)

    const attempts = Array.from({ length: 20 }, (_, i) => [
      approvePromotion(i % 2 ? people.head : secondHead, caseId),
      rejectPromotion(i % 2 ? secondHead : people.head, caseId, 'Faltan antecedentes'),
    ]).flat()
    const results = await Promise.allSettled(attempts)

    const won = results.filter((r) => r.status === 'fulfilled')
    expect(won).toHaveLength(1)
    for (const r of results) {
      if (r.status === 'rejected') expect(r.reason).toEqual(new DomainError('caseWrongState'))
    }
    const decisions = await db.auditEvent.count({
      where: { targetId: caseId, action: { in: ['case.approvePromotion', 'case.rejectPromotion'] } },
    })
    expect(decisions).toBe(1)
    expect(await db.accessGrant.count({ where: { caseId, environment: 'PRODUCTION' } })).toBeLessThanOrEqual(1)
    const promotion = await db.promotionRequest.findFirstOrThrow({ where: { caseId } })
    expect(['APPROVED', 'REJECTED']).toContain(promotion.status)
  })

  it('20 simultaneous reviewer approvals: exactly one moves the request', async () => {
    const s = await caseAtTesting()
    const { caseId, people } = s
    await signAgreement(people.providerBusiness, caseId, 'PROVIDER', sha)
    await signAgreement(people.consumerBusiness, caseId, 'CONSUMER', sha)
    await reportNodeTest(caseId)
    await makeReady(s.consumer.id, people.consumerCtd.personId)
    await requestPromotion(people.consumerCtd, caseId)
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => reviewPromotion(people.reviewer, caseId)))
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    expect(await db.auditEvent.count({ where: { targetId: caseId, action: 'case.reviewPromotion' } })).toBe(1)
  })
})

describe('an uploaded signed agreement', () => {
  it('is kept under a clean, capped file name: no folders, control characters, NUL or bidi overrides', async () => {
    const { caseId, people } = await caseAtTesting()
    const content = new TextEncoder().encode('%PDF-1.4 firmado')
    const hostile = `../../${'a'.repeat(20_000)}\u0000\r\n\u202Efdp.pdf`
    await signAgreement(people.providerBusiness, caseId, 'PROVIDER', sha, { fileName: hostile, content })

    const agreement = await db.agreement.findUniqueOrThrow({ where: { caseId }, select: { id: true } })
    const { fileName } = await db.document.findFirstOrThrow({
      where: { agreementId: agreement.id },
      select: { fileName: true },
    })
    expect([...fileName]).toHaveLength(150)
    expect(fileName).toMatch(/^a+\.pdf$/)
  })
})
