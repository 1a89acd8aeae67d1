/**
 * Connection cases: every step is one transaction that locks the case, re-reads it, asks the
 * workflow (./workflow.ts) whether the move is legal for this actor, makes a conditional write, and
 * records its audit event (the case's timeline) and its notifications. A repeated or racing move
 * finds the case already moved and is refused with a clear message; nothing is created twice.
 */
import { authorize, authorizeParty, type Principal } from '@/lib/auth/roles'
import { recordAudit } from '@/lib/audit/record'
import { db, type Tx } from '@/lib/db/client'
import { runStep } from '@/lib/workflow/step'
import { holdsCentralRole } from '@/lib/workflow/recipients'
import { formatDateTime } from '@/lib/dates'
import { DomainError } from '@/lib/errors'
import type { Prisma } from '@/lib/generated/prisma/client'
import { evaluateChecklist, unmetItems, type ChecklistResult } from './checklist'
import { loadChecklistFacts } from './checklist-facts'
import type { ConnectivityTestInput, MeetingRequestInput, ScheduleMeetingInput } from './schemas'
import type { ApprovedParties } from '@/lib/agreements/document'
import type { AgreementApprovalInput, AgreementRequestInput } from '@/lib/agreements/schemas'
import { keepApprovedPdf } from '@/lib/agreements/terms'
import { searchTextOf } from '@/lib/text/search'
import { notifyAgreementRejected, notifyAssignedReviewer, notifyWaitingParties } from './notify-parties'
import { snapshotOf, snapshotPromotionsSelect } from './snapshot'
import { decide, type CaseAction, type CaseSnapshot } from './workflow'
import { cleanFileName } from '@/lib/text/file-name'
import { ensureInstitutionNode, grantCaseAccess } from '@/lib/nodes/provision'
import { notifyInstitution } from '@/lib/nodes/credential-admin'
import { createTranslator } from 'next-intl'
import { locale } from '@/lib/i18n/config'
import { messages } from '@/lib/i18n/messages'
import { readServiceLevels } from '@/lib/catalog/schemas'

const tNodes = createTranslator({ locale, messages, namespace: 'nodes' })

const lockedCaseSelect = {
  id: true,
  number: true,
  status: true,
  serviceId: true,
  assignedReviewerId: true,
  consumerId: true,
  providerId: true,
  consumer: { select: { name: true } },
  service: { select: { name: true, requiresAgreement: true, devEndpoint: true, prodEndpoint: true, code: true } },
  agreement: { select: { id: true, status: true, signatures: { select: { party: true } } } },
  promotions: snapshotPromotionsSelect,
} satisfies Prisma.ConnectionCaseSelect

type LockedCase = Prisma.ConnectionCaseGetPayload<{ select: typeof lockedCaseSelect }>

/**
 * Runs one step (lib/workflow/step.ts): lock, re-read, decide, then `apply` the writes that go with
 * it. `apply` gets the case as locked and the decided move; the status write itself is made there,
 * conditionally.
 */
async function step<T>(
  actor: Principal,
  caseId: string,
  action: CaseAction,
  apply: (
    tx: Tx,
    locked: LockedCase,
    move: { status: CaseSnapshot['status']; agreementStatus: CaseSnapshot['agreementStatus'] },
  ) => Promise<T>,
  details: Record<string, Prisma.InputJsonValue | null> = {},
): Promise<T> {
  return runStep({
    table: 'ConnectionCase',
    id: caseId,
    read: (tx) => tx.connectionCase.findUniqueOrThrow({ where: { id: caseId }, select: lockedCaseSelect }),
    snapshotOf,
    decide: (locked, before) => decide(before, action, authorizeParty(actor, locked)),
    moveStatus: async (tx, from, to) =>
      (await tx.connectionCase.updateMany({ where: { id: caseId, status: from }, data: { status: to } })).count,
    wrongState: 'caseWrongState',
    apply,
    settle: (tx, locked, before, after) =>
      notifyWaitingParties(
        tx,
        { ...locked, serviceName: locked.service.name, consumerName: locked.consumer.name },
        before,
        after,
        actor.personId,
      ),
    audit: (locked, before, move) => ({
      actorId: actor.personId,
      action: `case.${action}`,
      targetType: 'ConnectionCase',
      targetId: caseId,
      institutionId: locked.consumerId,
      before: { status: before.status, agreementStatus: before.agreementStatus },
      after: { status: move.status, agreementStatus: move.agreementStatus, ...details },
    }),
  })
}

// ─────────────────────────────── Review ────────────────────────────────

/**
 * A DGD head assigns the case to a DGD reviewer (or to another one): the reviewers' steps then wait
 * on that reviewer alone — their notices and work queue — while any reviewer may still act.
 */
export async function assignCaseReviewer(actor: Principal, caseId: string, reviewerId: string) {
  return step(
    actor,
    caseId,
    'assignReviewer',
    async (tx, locked) => {
      if (!(await holdsCentralRole(tx, reviewerId, 'DGD_REVIEWER'))) {
        throw new DomainError('reviewerNotFound', {}, 'reviewerId')
      }
      if (locked.assignedReviewerId === reviewerId) throw new DomainError('reviewerAlreadyAssigned', {}, 'reviewerId')
      await tx.connectionCase.update({
        where: { id: caseId },
        data: { assignedReviewerId: reviewerId, assignedAt: new Date() },
      })
      await notifyAssignedReviewer(
        tx,
        { ...locked, serviceName: locked.service.name, consumerName: locked.consumer.name },
        snapshotOf(locked),
        reviewerId,
      )
    },
    { assignedReviewerId: reviewerId },
  )
}

// ─────────────────────────────── Meeting ───────────────────────────────

/** The consumer's (or provider's) CTD opens a case by asking the DGD for a meeting. */
export async function requestMeeting(actor: Principal, input: MeetingRequestInput) {
  // Only a published service of the catalog may be asked for.
  const service = await db.service.findFirst({
    where: { id: input.serviceId, status: 'PUBLISHED' },
    select: { id: true, providerId: true },
  })
  if (!service) throw new DomainError('notFound')
  // The requester speaks for the consumer, or for the provider when it asks on a consumer's behalf.
  const speaksFor = input.requesterRole === 'PROVIDER' ? service.providerId : input.consumerId
  authorize(actor, 'connections.request', speaksFor)
  if (input.consumerId === service.providerId) throw new DomainError('caseSameInstitution')

  return db.$transaction(async (tx) => {
    // One open case per consumer and service: requests for the same service are serialized on its
    // row, so two simultaneous requests cannot both find no open case.
    await tx.$queryRaw`SELECT id FROM "Service" WHERE id = ${service.id} FOR UPDATE`
    const open = await tx.connectionCase.findFirst({
      where: { consumerId: input.consumerId, serviceId: service.id, status: { not: 'CLOSED' } },
      select: { number: true },
    })
    if (open) throw new DomainError('caseAlreadyOpen', { number: open.number })
    const created = await tx.connectionCase.create({
      data: {
        consumerId: input.consumerId,
        providerId: service.providerId,
        serviceId: service.id,
        requesterRole: input.requesterRole,
        needs: input.needs,
        preferredDates: input.preferredDates,
        requestedById: actor.personId,
      },
      select: {
        id: true,
        number: true,
        consumerId: true,
        providerId: true,
        consumer: { select: { name: true } },
        service: { select: { name: true, requiresAgreement: true } },
      },
    })
    const initial: CaseSnapshot = {
      status: 'MEETING_REQUESTED',
      requiresAgreement: created.service.requiresAgreement,
      agreementStatus: null,
      signedBy: [],
      promotionReviewedBy: null,
    }
    await notifyWaitingParties(
      tx,
      { ...created, serviceName: created.service.name, consumerName: created.consumer.name },
      null,
      initial,
      actor.personId,
    )
    await recordAudit(tx, {
      actorId: actor.personId,
      action: 'case.requestMeeting',
      targetType: 'ConnectionCase',
      targetId: created.id,
      institutionId: created.consumerId,
      after: { status: 'MEETING_REQUESTED', serviceId: service.id, requesterRole: input.requesterRole },
    })
    return created
  })
}

export async function scheduleMeeting(actor: Principal, caseId: string, input: ScheduleMeetingInput) {
  const { meetingAt } = input
  return step(
    actor,
    caseId,
    'scheduleMeeting',
    async (tx) => {
      await tx.connectionCase.update({ where: { id: caseId }, data: { meetingAt, meetingLink: input.meetingLink } })
    },
    { meetingAt: meetingAt.toISOString(), meetingLink: input.meetingLink },
  )
}

/** A meeting is recorded as held once its scheduled time has come, not before. */
export async function recordMeetingHeld(
  actor: Principal,
  caseId: string,
  input: { meetingNotes: string },
  now = new Date(),
) {
  return step(actor, caseId, 'recordMeetingHeld', async (tx) => {
    const { meetingAt } = await tx.connectionCase.findUniqueOrThrow({
      where: { id: caseId },
      select: { meetingAt: true },
    })
    if (meetingAt && meetingAt > now) throw new DomainError('meetingNotYetHeld', { date: formatDateTime(meetingAt) })
    await tx.connectionCase.update({ where: { id: caseId }, data: { meetingNotes: input.meetingNotes } })
  })
}

// ────────────────────────────── Agreement ──────────────────────────────

export async function requestAgreement(actor: Principal, caseId: string, input: AgreementRequestInput) {
  return step(
    actor,
    caseId,
    'requestAgreement',
    async (tx) => {
      // The unique caseId makes a racing second request fail instead of creating a second agreement.
      const searchText = searchTextOf(input.purpose, input.procedure)
      // The levels the registry measures the agreement against start as the service's published ones.
      const { service } = await tx.connectionCase.findUniqueOrThrow({
        where: { id: caseId },
        select: { service: { select: { serviceLevels: true } } },
      })
      const published = readServiceLevels(service.serviceLevels)
      return tx.agreement.create({
        data: {
          caseId,
          requestedById: actor.personId,
          ...input,
          searchText,
          slaAvailabilityPct: published?.availability ?? null,
          slaP95Ms: published?.p95Ms ?? null,
        },
        select: { id: true },
      })
    },
    { kind: input.kind },
  )
}

async function moveAgreement(tx: Tx, agreementId: string, from: string, data: Prisma.AgreementUpdateManyMutationInput) {
  const { count } = await tx.agreement.updateMany({ where: { id: agreementId, status: from as never }, data })
  if (count !== 1) throw new DomainError('caseWrongState')
}

/** The provider's approval; the measured levels are optional (the service's published ones stay). */
type ApprovalTerms = Omit<AgreementApprovalInput, 'slaAvailabilityPct' | 'slaP95Ms'> &
  Partial<Pick<AgreementApprovalInput, 'slaAvailabilityPct' | 'slaP95Ms'>>

export async function approveAgreement(actor: Principal, caseId: string, input: ApprovalTerms) {
  const serviceLevels = {
    availability: input.availability,
    responseTime: input.responseTime,
    supportHours: input.supportHours,
  }
  return step(
    actor,
    caseId,
    'approveAgreement',
    async (tx, locked) => {
      // The names the agreement's PDF shows are fixed with its terms (see lib/agreements/terms.ts).
      const named = await tx.connectionCase.findUniqueOrThrow({
        where: { id: caseId },
        select: {
          consumer: { select: { name: true, rut: true } },
          provider: { select: { name: true, rut: true } },
          service: { select: { name: true, code: true } },
        },
      })
      const approver = await tx.person.findUniqueOrThrow({ where: { id: actor.personId }, select: { name: true } })
      const approvedParties: ApprovedParties = { ...named, approvedBy: approver.name }
      await moveAgreement(tx, locked.agreement!.id, 'REQUESTED', {
        status: 'APPROVED',
        serviceLevels,
        // Left empty, the measured levels stay those the service published when the agreement was requested.
        ...(input.slaAvailabilityPct != null && { slaAvailabilityPct: input.slaAvailabilityPct }),
        ...(input.slaP95Ms != null && { slaP95Ms: input.slaP95Ms }),
        endsOn: input.endsOn,
        decidedById: actor.personId,
        decidedAt: new Date(),
        approvedParties,
      })
      await keepApprovedPdf(tx, caseId)
    },
    { serviceLevels, slaAvailabilityPct: input.slaAvailabilityPct ?? null, slaP95Ms: input.slaP95Ms ?? null },
  )
}

export async function rejectAgreement(actor: Principal, caseId: string, reason: string) {
  return step(
    actor,
    caseId,
    'rejectAgreement',
    async (tx, locked) => {
      await moveAgreement(tx, locked.agreement!.id, 'REQUESTED', {
        status: 'REJECTED',
        rejectionReason: reason,
        decidedById: actor.personId,
        decidedAt: new Date(),
      })
      await notifyAgreementRejected(tx, { ...locked, serviceName: locked.service.name }, reason, actor.personId)
    },
    { reason },
  )
}

/** A party signs: who, when, and the SHA-256 of the document they signed. Both signatures put it in force. */
export async function signAgreement(
  actor: Principal,
  caseId: string,
  party: 'CONSUMER' | 'PROVIDER',
  documentSha256: string,
  uploaded: { fileName: string; content: Uint8Array } | null = null,
) {
  if (!/^[0-9a-f]{64}$/.test(documentSha256)) throw new DomainError('documentInvalid', { maxMb: 10 })
  return step(
    actor,
    caseId,
    party === 'CONSUMER' ? 'signAgreementAsConsumer' : 'signAgreementAsProvider',
    async (tx, locked, move) => {
      const agreementId = locked.agreement!.id
      await tx.agreementSignature.create({ data: { agreementId, party, signedById: actor.personId, documentSha256 } })
      if (uploaded) {
        await tx.document.create({
          data: {
            agreementId,
            fileName: cleanFileName(uploaded.fileName, 'acuerdo-firmado.pdf'),
            contentType: 'application/pdf',
            size: uploaded.content.byteLength,
            sha256: documentSha256,
            content: Buffer.from(uploaded.content),
            uploadedById: actor.personId,
          },
        })
      }
      if (move.agreementStatus === 'IN_FORCE') {
        await moveAgreement(tx, agreementId, 'APPROVED', { status: 'IN_FORCE', inForceFrom: new Date() })
      }
    },
    { party, documentSha256 },
  )
}

// ──────────────────────────────── Nodes ────────────────────────────────

/**
 * A node and a grant for the case in `environment`: the consumer's node (created the first time)
 * gets access to the case's service. Credentials are not made here: the consumer's technical
 * administrators issue them on their institution's page (lib/nodes/credential-admin.ts).
 */
async function grantNode(tx: Tx, locked: LockedCase, environment: 'DEVELOPMENT' | 'PRODUCTION', actorId: string) {
  const node = await ensureInstitutionNode(tx, locked.consumerId, environment, actorId)
  const grant = await grantCaseAccess(tx, {
    caseId: locked.id,
    serviceId: locked.serviceId,
    nodeId: node.id,
    environment,
    actorId,
  })
  // The people who run the node learn it is ready, and whether it still needs its credential.
  const usable = await tx.nodeCredential.count({
    where: { nodeId: node.id, revokedAt: null, retiresAt: null, expiresAt: { gt: new Date() } },
  })
  await notifyInstitution(tx, locked.consumerId, ['TECHNICAL_ADMIN'], {
    kind: `node.ready.${environment}`,
    title: tNodes('notify.nodeReadyTitle', { environment, number: locked.number }),
    body: tNodes('notify.nodeReadyBody', {
      environment,
      number: locked.number,
      node: node.name,
      service: locked.service.name,
      issued: usable > 0 ? 'yes' : 'no',
    }),
    link: `/institutions/${locked.consumerId}#nodes`,
    caseId: locked.id,
  })
  return { node, grant }
}

/** DGD hands the consumer a development node (its own, or a new one) with access to the case's service. */
export async function provisionDevNode(actor: Principal, caseId: string) {
  return step(actor, caseId, 'provisionDevNode', async (tx, locked) => {
    const { node } = await grantNode(tx, locked, 'DEVELOPMENT', actor.personId)
    return { nodeId: node.id, nodeName: node.name, nodeCreated: node.created }
  })
}

// ──────────────────────────── Connectivity ─────────────────────────────

/**
 * A test is run on the development node: it cannot be dated before the node was issued (to the
 * minute, as the form is) nor in the future.
 */
export async function recordConnectivityTest(
  actor: Principal,
  caseId: string,
  input: ConnectivityTestInput,
  now = new Date(),
) {
  const { ranAt } = input
  return step(
    actor,
    caseId,
    'recordConnectivityTest',
    async (tx) => {
      if (ranAt > now) throw new DomainError('testInFuture', {}, 'ranAt')
      const grant = await tx.accessGrant.findUnique({
        where: { caseId_environment: { caseId, environment: 'DEVELOPMENT' } },
        select: { grantedAt: true, nodeId: true },
      })
      const issuedMinute = grant ? Math.floor(grant.grantedAt.getTime() / 60_000) * 60_000 : now.getTime()
      if (ranAt.getTime() < issuedMinute)
        throw new DomainError('testBeforeNode', { date: formatDateTime(new Date(issuedMinute)) }, 'ranAt')
      return tx.connectivityTest.create({
        data: {
          caseId,
          ranAt,
          target: input.target,
          outcome: input.outcome,
          latencyMs: input.latencyMs,
          notes: input.notes,
          recordedById: actor.personId,
          nodeId: grant?.nodeId ?? null,
          source: 'DECLARED',
        },
        select: { id: true },
      })
    },
    { outcome: input.outcome, target: input.target },
  )
}

// ───────────────────────────── Promotion ───────────────────────────────

export async function requestPromotion(actor: Principal, caseId: string): Promise<ChecklistResult> {
  return step(actor, caseId, 'requestPromotion', async (tx, locked) => {
    const checklist = evaluateChecklist(await loadChecklistFacts(tx, caseId, new Date()))
    const unmet = unmetItems(checklist)
    if (unmet.length > 0) throw new DomainError('checklistUnmet')
    await tx.promotionRequest.create({ data: { caseId: locked.id, requestedById: actor.personId, checklist } })
    return checklist
  })
}

async function openPromotion(tx: Tx, caseId: string, status: 'REQUESTED' | 'REVIEWED') {
  const promotion = await tx.promotionRequest.findFirst({ where: { caseId, status }, select: { id: true } })
  if (!promotion) throw new DomainError('caseWrongState')
  return promotion
}

export async function reviewPromotion(actor: Principal, caseId: string) {
  return step(actor, caseId, 'reviewPromotion', async (tx) => {
    const promotion = await openPromotion(tx, caseId, 'REQUESTED')
    const { count } = await tx.promotionRequest.updateMany({
      where: { id: promotion.id, status: 'REQUESTED' },
      data: { status: 'REVIEWED', reviewedById: actor.personId, reviewedAt: new Date() },
    })
    if (count !== 1) throw new DomainError('caseWrongState')
  })
}

/**
 * The DGD head's approval: the case is connected and the consumer's production node (created the
 * first time) is granted the service. No secret is made here: the consumer's technical
 * administrators issue the node's credential themselves.
 */
export async function approvePromotion(actor: Principal, caseId: string) {
  return step(actor, caseId, 'approvePromotion', async (tx, locked) => {
    const promotion = await openPromotion(tx, caseId, 'REVIEWED')
    const { count } = await tx.promotionRequest.updateMany({
      where: { id: promotion.id, status: 'REVIEWED' },
      data: { status: 'APPROVED', approvedById: actor.personId, approvedAt: new Date() },
    })
    if (count !== 1) throw new DomainError('caseWrongState')
    const { node } = await grantNode(tx, locked, 'PRODUCTION', actor.personId)
    return { nodeId: node.id, nodeName: node.name, nodeCreated: node.created }
  })
}

export async function rejectPromotion(actor: Principal, caseId: string, reason: string) {
  return step(
    actor,
    caseId,
    'rejectPromotion',
    async (tx, locked) => {
      const status = locked.status === 'PROMOTION_REVIEWED' ? 'REVIEWED' : 'REQUESTED'
      const promotion = await openPromotion(tx, caseId, status)
      const { count } = await tx.promotionRequest.updateMany({
        where: { id: promotion.id, status },
        data: { status: 'REJECTED', rejectedById: actor.personId, rejectedAt: new Date(), rejectionReason: reason },
      })
      if (count !== 1) throw new DomainError('caseWrongState')
    },
    { reason },
  )
}
