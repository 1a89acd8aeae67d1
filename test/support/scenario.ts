/**
 * The cast and the stages of a connection case, shared by the integration tests of
 * lib/connections: every stage is reached by driving the real domain functions, never by writing
 * rows by hand, so a test starts from a state the portal itself can produce.
 */
import { loadViewer } from '@/lib/auth/load-viewer'
import { db } from '@/lib/db/client'
import { recordConnectivityTest as recordNodeTest } from '@/lib/nodes/api/operations'
import { createCentralPerson, createInstitution, createMember, createService } from '@/prisma/factories'
import {
  approveAgreement,
  approvePromotion,
  provisionDevNode,
  recordMeetingHeld,
  rejectAgreement,
  requestAgreement,
  requestMeeting,
  requestPromotion,
  reviewPromotion,
  scheduleMeeting,
  signAgreement,
} from '@/lib/connections/cases'

/** Now: a connectivity test is run after its node was issued, and never in the future. */
export const justNow = () => new Date()
export const viewer = async (personId: string) => (await loadViewer(personId))!
export const sha = 'a'.repeat(64)
export const agreementTerms = {
  kind: 'CONVENIO' as const,
  legalBasis: 'Ley 19.880, art. 17 letra c',
  purpose: 'Verificar identidad de solicitantes',
  procedure: 'CPAT-1234 Solicitud de patente',
  dataRequested: 'Nombre, fecha de nacimiento',
  expectedVolume: '2.000 consultas al mes',
}
export const levels = { availability: '99,5%', responseTime: '2 s', supportHours: 'Lunes a viernes 9-18', endsOn: null }
/** A meeting an hour ago: it can be recorded as held. */
export const meeting = { meetingAt: new Date(Date.now() - 3_600_000), meetingLink: 'https://meet.example.cl/x' }
/**
 * The consumer's development node reports a test through the node API, as `npm run node:simulate`
 * does: the kind the promotion checklist counts (a test typed in by a person is only declared).
 */
export async function reportNodeTest(caseId: string, outcome: 'PASSED' | 'FAILED' = 'PASSED', ranAt = justNow()) {
  const grant = await db.accessGrant.findFirstOrThrow({
    where: { caseId, environment: 'DEVELOPMENT' },
    select: { node: { select: { id: true, institutionId: true } }, service: { select: { code: true } } },
  })
  const caller = {
    nodeId: grant.node.id,
    institutionId: grant.node.institutionId,
    environment: 'DEVELOPMENT' as const,
    credentialId: 'test',
    keyId: 'test',
  }
  return recordNodeTest(
    caller,
    { serviceCode: grant.service.code, outcome, latencyMs: 120, ranAt: ranAt.toISOString() },
    new Date(),
  )
}

export const passingTest = () => ({
  ranAt: justNow(),
  target: 'dev',
  outcome: 'PASSED' as const,
  latencyMs: 120,
  notes: null,
})

/**
 * Two institutions and a service, one person per role on each side, the DGD team and an auditor,
 * and the three roles of an unrelated institution (the "wrong institution" of every step).
 */
export async function scenario({ requiresAgreement = true } = {}) {
  const [consumer, provider, outsider] = await Promise.all([
    createInstitution(db, { kind: 'MUNICIPALIDAD', group: 'B' }),
    createInstitution(db),
    createInstitution(db),
  ])
  const service = await createService(db, provider.id, { requiresAgreement })
  const member = async (institutionId: string, role: 'CTD' | 'BUSINESS_ADMIN' | 'TECHNICAL_ADMIN') =>
    viewer((await createMember(db, institutionId, role)).id)
  const central = async (role: 'DGD_REVIEWER' | 'DGD_HEAD' | 'AUDITOR') =>
    viewer((await createCentralPerson(db, role)).id)
  const [consumerCtd, consumerBusiness, consumerTech, providerCtd, providerBusiness, providerTech] = await Promise.all([
    member(consumer.id, 'CTD'),
    member(consumer.id, 'BUSINESS_ADMIN'),
    member(consumer.id, 'TECHNICAL_ADMIN'),
    member(provider.id, 'CTD'),
    member(provider.id, 'BUSINESS_ADMIN'),
    member(provider.id, 'TECHNICAL_ADMIN'),
  ])
  const [reviewer, head, auditor, outsiderCtd, outsiderBusiness, outsiderTech] = await Promise.all([
    central('DGD_REVIEWER'),
    central('DGD_HEAD'),
    central('AUDITOR'),
    member(outsider.id, 'CTD'),
    member(outsider.id, 'BUSINESS_ADMIN'),
    member(outsider.id, 'TECHNICAL_ADMIN'),
  ])
  const people = {
    consumerCtd,
    consumerBusiness,
    consumerTech,
    providerCtd,
    providerBusiness,
    providerTech,
    reviewer,
    head,
    auditor,
    outsiderCtd,
    outsiderBusiness,
    outsiderTech,
  }
  return { consumer, provider, outsider, service, people }
}
export type Scenario = Awaited<ReturnType<typeof scenario>>
export type Who = keyof Scenario['people']
export type CaseScenario = Scenario & { caseId: string }

/** The consumer's readiness: convenio in force and the consumption workshop attended. */
export async function makeReady(consumerId: string, personId: string) {
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
  const workshop = await db.trainingWorkshop.create({
    data: { kind: 'CONSUMPTION', title: 'Consumo', heldOn: new Date('2026-01-10') },
  })
  await db.trainingAttendance.create({ data: { workshopId: workshop.id, personId, institutionId: consumerId } })
}

/** The consumer's CTD opens a case for the scenario's service. */
export async function openCase(s: Scenario) {
  const { id } = await requestMeeting(s.people.consumerCtd, {
    consumerId: s.consumer.id,
    serviceId: s.service.id,
    requesterRole: 'CONSUMER',
    needs: 'Consultar datos de identidad',
    preferredDates: [new Date('2026-12-01')],
  })
  return id
}

/**
 * The happy path, in order: each stage is named by what has just happened. The agreement stages are
 * skipped when the service requires no agreement.
 */
const path = {
  meetingRequested: async () => {},
  meetingScheduled: (s: CaseScenario) => scheduleMeeting(s.people.reviewer, s.caseId, meeting),
  meetingHeld: (s: CaseScenario) => recordMeetingHeld(s.people.reviewer, s.caseId, { meetingNotes: 'Acordado' }),
  agreementRequested: (s: CaseScenario) => requestAgreement(s.people.consumerBusiness, s.caseId, agreementTerms),
  agreementApproved: (s: CaseScenario) => approveAgreement(s.people.providerBusiness, s.caseId, levels),
  devNodeProvisioned: (s: CaseScenario) => provisionDevNode(s.people.reviewer, s.caseId),
  signedByProvider: (s: CaseScenario) => signAgreement(s.people.providerBusiness, s.caseId, 'PROVIDER', sha),
  agreementInForce: (s: CaseScenario) => signAgreement(s.people.consumerBusiness, s.caseId, 'CONSUMER', sha),
  readyForPromotion: async (s: CaseScenario) => {
    await reportNodeTest(s.caseId)
    await makeReady(s.consumer.id, s.people.consumerCtd.personId)
  },
  promotionRequested: (s: CaseScenario) => requestPromotion(s.people.consumerCtd, s.caseId),
  promotionReviewed: (s: CaseScenario) => reviewPromotion(s.people.reviewer, s.caseId),
  connected: (s: CaseScenario) => approvePromotion(s.people.head, s.caseId),
} satisfies Record<string, (s: CaseScenario) => Promise<unknown>>

const agreementStages: readonly string[] = [
  'agreementRequested',
  'agreementApproved',
  'signedByProvider',
  'agreementInForce',
]

/** Every stage a test can start from: a point on the happy path, or a case the provider closed by rejecting the agreement. */
export type Stage = keyof typeof path | 'closed'

/** A fresh scenario with one case driven to `stage` through the real domain functions. */
export async function caseAt(stage: Stage, { requiresAgreement = true } = {}): Promise<CaseScenario> {
  const s = await scenario({ requiresAgreement })
  const c = { ...s, caseId: await openCase(s) }
  if (stage === 'closed') {
    await requestAgreement(s.people.consumerBusiness, c.caseId, agreementTerms)
    await rejectAgreement(s.people.providerBusiness, c.caseId, 'No corresponde la finalidad')
    return c
  }
  for (const [name, run] of Object.entries(path)) {
    if (requiresAgreement || !agreementStages.includes(name)) await run(c)
    if (name === stage) return c
  }
  throw new Error(`Unknown stage ${stage}`)
}

/** A case with its development node, the agreement approved but not yet signed: ready for connectivity tests. */
export const caseAtTesting = () => caseAt('devNodeProvisioned')
