import { describe, expect, it } from 'vitest'
import { loadViewer } from '@/lib/auth/load-viewer'
import { ForbiddenError } from '@/lib/auth/roles'
import { db } from '@/lib/db/client'
import { toChileDateTimeInput } from '@/lib/dates'
import { DomainError } from '@/lib/errors'
import { createCentralPerson, createInstitution, createMember, createService } from '@/prisma/factories'
import {
  approveAgreement,
  approvePromotion,
  hashCredential,
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

/** An hour ago, as a Chilean wall-clock time: tests stay recent whenever they run. */
const anHourAgo = () => toChileDateTimeInput(new Date(Date.now() - 3_600_000))
const viewer = async (personId: string) => (await loadViewer(personId))!
const sha = 'a'.repeat(64)
const agreementTerms = {
  kind: 'CONVENIO' as const,
  legalBasis: 'Ley 19.880, art. 17 letra c',
  purpose: 'Verificar identidad de solicitantes',
  procedure: 'CPAT-1234 Solicitud de patente',
  dataRequested: 'Nombre, fecha de nacimiento',
  expectedVolume: '2.000 consultas al mes',
}
const levels = { availability: '99,5%', responseTime: '2 s', supportHours: 'Lunes a viernes 9-18', endsOn: null }

/** Two institutions, a service, and one person per role on each side. */
async function scenario({ requiresAgreement = true } = {}) {
  const consumer = await createInstitution(db, { kind: 'MUNICIPALIDAD', group: 'B' })
  const provider = await createInstitution(db)
  const service = await createService(db, provider.id, { requiresAgreement })
  const people = {
    consumerCtd: await viewer((await createMember(db, consumer.id, 'CTD')).id),
    consumerBusiness: await viewer((await createMember(db, consumer.id, 'BUSINESS_ADMIN')).id),
    consumerTech: await viewer((await createMember(db, consumer.id, 'TECHNICAL_ADMIN')).id),
    providerBusiness: await viewer((await createMember(db, provider.id, 'BUSINESS_ADMIN')).id),
    reviewer: await viewer((await createCentralPerson(db, 'DGD_REVIEWER')).id),
    head: await viewer((await createCentralPerson(db, 'DGD_HEAD')).id),
    outsiderCtd: await viewer((await createMember(db, (await createInstitution(db)).id, 'CTD')).id),
  }
  return { consumer, provider, service, people }
}

/** The consumer's readiness: convenio in force and the consumption workshop attended. */
async function makeReady(consumerId: string, personId: string) {
  await db.cooperationAgreement.create({
    data: {
      institutionId: consumerId,
      signedOn: new Date('2024-01-10'),
      segpresDecreeNumber: '123',
      segpresDecreeDate: new Date('2024-02-01'),
      institutionDecreeNumber: '456',
      institutionDecreeDate: new Date('2024-02-15'),
    },
  })
  const workshop = await db.trainingWorkshop.create({ data: { kind: 'CONSUMPTION', title: 'Consumo', heldOn: new Date('2026-01-10') } })
  await db.trainingAttendance.create({ data: { workshopId: workshop.id, personId, institutionId: consumerId } })
}

async function caseAtTesting() {
  const s = await scenario()
  const { id } = await requestMeeting(s.people.consumerCtd, {
    consumerId: s.consumer.id,
    serviceId: s.service.id,
    requesterRole: 'CONSUMER',
    needs: 'Consultar datos de identidad',
    preferredDates: ['2026-12-01'],
  })
  await scheduleMeeting(s.people.reviewer, id, { meetingAt: '2026-12-01T10:00', meetingLink: 'https://meet.example.cl/x' })
  await recordMeetingHeld(s.people.reviewer, id, { meetingNotes: 'Acordado' })
  await requestAgreement(s.people.consumerBusiness, id, agreementTerms)
  await approveAgreement(s.people.providerBusiness, id, levels)
  await provisionDevNode(s.people.reviewer, id)
  return { ...s, caseId: id }
}

describe('a connection case, step by step', () => {
  it('goes from meeting request to production credentials, with a timeline of who did what', async () => {
    const s = await caseAtTesting()
    const { caseId, people } = s
    await signAgreement(people.providerBusiness, caseId, 'PROVIDER', sha)
    await signAgreement(people.consumerBusiness, caseId, 'CONSUMER', sha)
    expect((await db.agreement.findUniqueOrThrow({ where: { caseId } })).status).toBe('IN_FORCE')

    await recordConnectivityTest(people.consumerTech, caseId, { ranAt: anHourAgo(), target: 'dev', outcome: 'PASSED', latencyMs: 120, notes: null })
    await makeReady(s.consumer.id, people.consumerCtd.personId)
    await requestPromotion(people.consumerCtd, caseId)
    await reviewPromotion(people.reviewer, caseId)
    const { credential } = await approvePromotion(people.head, caseId)

    const nodes = await db.node.findMany({ where: { caseId }, orderBy: { environment: 'asc' } })
    expect(nodes.map((n) => n.environment)).toEqual(['DEVELOPMENT', 'PRODUCTION'])
    expect(nodes[1]!.credentialHash).toBe(hashCredential(credential))
    expect(JSON.stringify(nodes)).not.toContain(credential)
    expect((await db.connectionCase.findUniqueOrThrow({ where: { id: caseId } })).status).toBe('CONNECTED')

    const timeline = await db.auditEvent.findMany({ where: { targetId: caseId }, orderBy: { at: 'asc' }, select: { action: true } })
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
  })

  it('refuses each step to the wrong role, the wrong institution, in the wrong state and on repeat', async () => {
    const s = await scenario()
    const { people } = s
    const input = { consumerId: s.consumer.id, serviceId: s.service.id, requesterRole: 'CONSUMER' as const, needs: 'x', preferredDates: ['2026-12-01'] }
    await expect(requestMeeting(people.outsiderCtd, input)).rejects.toThrow(ForbiddenError)
    await expect(requestMeeting(people.consumerTech, input)).rejects.toThrow(ForbiddenError)
    const { id } = await requestMeeting(people.consumerCtd, input)

    const meeting = { meetingAt: '2026-12-01T10:00', meetingLink: 'https://meet.example.cl/x' }
    await expect(scheduleMeeting(people.consumerCtd, id, meeting)).rejects.toThrow(new DomainError('caseWrongRole'))
    await expect(scheduleMeeting(people.outsiderCtd, id, meeting)).rejects.toThrow(ForbiddenError)
    await expect(recordMeetingHeld(people.reviewer, id, { meetingNotes: 'x' })).rejects.toThrow(new DomainError('caseWrongState'))
    await scheduleMeeting(people.reviewer, id, meeting)
    await expect(scheduleMeeting(people.reviewer, id, meeting)).rejects.toThrow(new DomainError('caseWrongState'))

    await expect(requestAgreement(people.providerBusiness, id, agreementTerms)).rejects.toThrow(new DomainError('caseWrongRole'))
    await requestAgreement(people.consumerBusiness, id, agreementTerms)
    await expect(requestAgreement(people.consumerBusiness, id, agreementTerms)).rejects.toThrow(new DomainError('caseWrongState'))
    await expect(approveAgreement(people.consumerBusiness, id, levels)).rejects.toThrow(new DomainError('caseWrongRole'))
    await recordMeetingHeld(people.reviewer, id, { meetingNotes: 'x' })
    await expect(provisionDevNode(people.reviewer, id)).rejects.toThrow(new DomainError('agreementPending'))
    await expect(requestPromotion(people.consumerCtd, id)).rejects.toThrow(new DomainError('caseWrongState'))

    // Every refusal left the case as it was, with one audit event per step that happened.
    expect(await db.auditEvent.count({ where: { targetId: id } })).toBe(4)
  })

  it('closes the case when the provider rejects the agreement', async () => {
    const s = await scenario()
    const { id } = await requestMeeting(s.people.consumerCtd, { consumerId: s.consumer.id, serviceId: s.service.id, requesterRole: 'CONSUMER', needs: 'x', preferredDates: ['2026-12-01'] })
    await requestAgreement(s.people.consumerBusiness, id, agreementTerms)
    await rejectAgreement(s.people.providerBusiness, id, 'No corresponde la finalidad')
    const closed = await db.connectionCase.findUniqueOrThrow({ where: { id }, select: { status: true, agreement: true } })
    expect(closed.status).toBe('CLOSED')
    expect(closed.agreement).toMatchObject({ status: 'REJECTED', rejectionReason: 'No corresponde la finalidad' })
    await expect(scheduleMeeting(s.people.reviewer, id, { meetingAt: '2026-12-01T10:00', meetingLink: 'https://x.cl' })).rejects.toThrow(
      new DomainError('caseWrongState'),
    )
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
    await recordConnectivityTest(people.consumerTech, caseId, { ranAt: anHourAgo(), target: 'dev', outcome: 'PASSED', latencyMs: 100, notes: null })
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
    expect(await db.node.count({ where: { caseId, environment: 'PRODUCTION' } })).toBeLessThanOrEqual(1)
    const promotion = await db.promotionRequest.findFirstOrThrow({ where: { caseId } })
    expect(['APPROVED', 'REJECTED']).toContain(promotion.status)
  })

  it('20 simultaneous reviewer approvals: exactly one moves the request', async () => {
    const s = await caseAtTesting()
    const { caseId, people } = s
    await signAgreement(people.providerBusiness, caseId, 'PROVIDER', sha)
    await signAgreement(people.consumerBusiness, caseId, 'CONSUMER', sha)
    await recordConnectivityTest(people.consumerTech, caseId, { ranAt: anHourAgo(), target: 'dev', outcome: 'PASSED', latencyMs: 100, notes: null })
    await makeReady(s.consumer.id, people.consumerCtd.personId)
    await requestPromotion(people.consumerCtd, caseId)
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => reviewPromotion(people.reviewer, caseId)))
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    expect(await db.auditEvent.count({ where: { targetId: caseId, action: 'case.reviewPromotion' } })).toBe(1)
  })
})
