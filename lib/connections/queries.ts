import 'server-only'
import type { Viewer } from '@/lib/auth/load-viewer'
import { can, caseStanding, isCaseParty, mayInCase } from '@/lib/auth/roles'
import { skipFor } from '@/lib/data-table/search-params'
import { db } from '@/lib/db/client'
import type { Prisma } from '@/lib/generated/prisma/client'
import type { ConnectionStatus } from '@/lib/generated/prisma/enums'
import { agreementTermsSelect } from '@/lib/agreements/document'
import { agreementTerm, effectiveAgreementStatus } from '@/lib/agreements/status'
import { agreementPdfSha256, signedDocument } from '@/lib/agreements/terms'
import { evaluateChecklist, type ChecklistResult } from './checklist'
import { loadChecklistFacts } from './checklist-facts'
import { agreementOf, grantState } from '@/lib/nodes/grants'
import { casePartiesSelect, casePartyNames, caseScope, caseSearchWords } from './scope'
import { snapshotOf, snapshotPromotionsSelect } from './snapshot'
import type { CasesTableParams } from './table-params'
import {
  decide,
  holdsParty,
  nextPartyRoles,
  nextSteps,
  statusesWaitingOn,
  waitingOn,
  type CaseAction,
  type NextParty,
  type NextStepName,
} from './workflow'

export type CaseRow = {
  id: string
  number: number
  status: ConnectionStatus
  serviceName: string
  consumerName: string
  providerName: string
  updatedAt: Date
}

export async function listCases(viewer: Viewer, params: CasesTableParams) {
  const where: Prisma.ConnectionCaseWhereInput = {
    AND: [caseScope(viewer), ...caseSearchWords(params.q)],
    ...(params.filters.status.length ? { status: { in: params.filters.status } } : {}),
  }
  const dir = params.sort.desc ? 'desc' : 'asc'
  const [rows, rowCount] = await Promise.all([
    db.connectionCase.findMany({
      where,
      orderBy: [{ [params.sort.id]: dir }, { id: 'asc' }],
      skip: skipFor(params),
      take: params.pageSize,
      select: {
        id: true,
        number: true,
        status: true,
        updatedAt: true,
        ...casePartiesSelect,
      },
    }),
    db.connectionCase.count({ where }),
  ])
  return {
    rows: rows.map((c): CaseRow => ({
      id: c.id,
      number: c.number,
      status: c.status,
      updatedAt: c.updatedAt,
      ...casePartyNames(c),
    })),
    rowCount,
  }
}

const stepActions: CaseAction[] = [
  'scheduleMeeting',
  'recordMeetingHeld',
  'requestAgreement',
  'approveAgreement',
  'rejectAgreement',
  'signAgreementAsConsumer',
  'signAgreementAsProvider',
  'provisionDevNode',
  'recordConnectivityTest',
  'requestPromotion',
  'reviewPromotion',
  'approvePromotion',
  'rejectPromotion',
  'assignReviewer',
]

export type TimelineEntry = {
  id: string
  at: Date
  action: string
  actorName: string | null
  details: Prisma.JsonValue
}

/** A case as its parties see it, with the moves this viewer may make now; null if not theirs. */
export async function getCase(viewer: Viewer, id: string) {
  const found = await db.connectionCase.findFirst({
    where: { AND: [{ id }, caseScope(viewer)] },
    select: {
      id: true,
      number: true,
      status: true,
      requesterRole: true,
      needs: true,
      preferredDates: true,
      meetingAt: true,
      meetingLink: true,
      meetingNotes: true,
      createdAt: true,
      assignedAt: true,
      assignedReviewer: { select: { id: true, name: true } },
      consumerId: true,
      providerId: true,
      consumer: { select: { id: true, name: true } },
      provider: { select: { id: true, name: true } },
      service: { select: { id: true, code: true, name: true, requiresAgreement: true, devEndpoint: true } },
      agreement: {
        select: {
          id: true,
          ...agreementTermsSelect,
          status: true,
          rejectionReason: true,
          inForceFrom: true,
          terminatesOn: true,
          signatures: { select: { party: true, signedAt: true, documentSha256: true, signedById: true } },
          documents: { select: { sha256: true } },
        },
      },
      grants: {
        orderBy: { environment: 'asc' },
        select: {
          id: true,
          environment: true,
          grantedAt: true,
          revokedAt: true,
          endReason: true,
          node: { select: { id: true, name: true, revokedAt: true, revocationReason: true } },
        },
      },
      tests: {
        orderBy: { ranAt: 'desc' },
        select: { id: true, ranAt: true, target: true, outcome: true, latencyMs: true, notes: true, source: true },
      },
      promotions: {
        orderBy: { requestedAt: 'desc' },
        select: {
          id: true,
          status: true,
          requestedAt: true,
          requestedById: true,
          reviewedAt: true,
          rejectionReason: true,
          reviewedById: true,
        },
      },
    },
  })
  if (!found || !isCaseParty(viewer, found)) return null

  const snapshot = snapshotOf({ ...found, promotions: found.promotions.filter((p) => p.status === 'REVIEWED') })
  const actor = caseStanding(viewer, found)
  const available = stepActions.filter((action) => decide(snapshot, action, actor).ok)

  const [events, checklist] = await Promise.all([
    db.auditEvent.findMany({
      where: { targetType: 'ConnectionCase', targetId: id },
      orderBy: { at: 'asc' },
      select: { id: true, at: true, action: true, after: true, actor: { select: { name: true } } },
    }),
    // Until the head approves: the DGD decides on the checklist as it stands, not only as it stood when asked.
    found.status === 'DEV_NODE_PROVISIONED' ||
    found.status === 'PROMOTION_REQUESTED' ||
    found.status === 'PROMOTION_REVIEWED'
      ? db.$transaction((tx) => loadChecklistFacts(tx, id, new Date())).then(evaluateChecklist)
      : Promise.resolve(null as ChecklistResult | null),
  ])
  const openPromotion = found.promotions.find((p) => p.status === 'REQUESTED' || p.status === 'REVIEWED') ?? null
  const signerIds = found.agreement?.signatures.map((s) => s.signedById) ?? []
  const promotionPeople = openPromotion
    ? [openPromotion.requestedById, ...(openPromotion.reviewedById ? [openPromotion.reviewedById] : [])]
    : []
  const names = new Map(
    (
      await db.person.findMany({
        where: { id: { in: [...signerIds, ...promotionPeople] } },
        select: { id: true, name: true },
      })
    ).map((p) => [p.id, p.name]),
  )

  const pdfSha256 = found.agreement ? await agreementPdfSha256(viewer, id) : null
  // Who the head may assign the case to: the DGD's active reviewers.
  const reviewerOptions = available.includes('assignReviewer')
    ? await db.person.findMany({
        where: { disabledAt: null, centralRoles: { some: { role: 'DGD_REVIEWER', endedAt: null } } },
        orderBy: { name: 'asc' },
        select: { id: true, name: true },
      })
    : []

  const now = new Date()
  const grantAgreement = agreementOf({ service: found.service, agreement: found.agreement })
  return {
    ...found,
    /** Each grant with whether it lets the node call the service now, and if not why (lib/nodes/grants.ts). */
    grants: found.grants.map((g) => ({ ...g, state: grantState(g, grantAgreement, g.node, now) })),
    agreement: found.agreement && {
      ...found.agreement,
      // As the agreements list says it: the status and term on today's date, a termination notice included.
      effectiveStatus: effectiveAgreementStatus(found.agreement, new Date()),
      term: agreementTerm(found.agreement),
      pdfSha256,
      signatures: found.agreement.signatures.map((s) => ({
        ...s,
        signerName: names.get(s.signedById) ?? null,
        document: signedDocument(s.documentSha256, pdfSha256, found.agreement!.documents),
      })),
    },
    available,
    /** The consumer's technical administrators issue the node's credential on their institution's page. */
    mayIssueCredential: can(viewer, 'nodes.issueCredential', found.consumerId),
    mayRevokeGrants: mayInCase(actor, 'grants.revoke'),
    reviewerOptions,
    waitingOn: waitingOn(snapshot) as NextParty[],
    checklist,
    /** The promotion request waiting on the DGD: who asked and when, and who reviewed it. */
    promotionRequest: openPromotion && {
      requestedAt: openPromotion.requestedAt,
      requestedByName: names.get(openPromotion.requestedById) ?? null,
      reviewedAt: openPromotion.reviewedAt,
      reviewedByName: openPromotion.reviewedById ? (names.get(openPromotion.reviewedById) ?? null) : null,
    },
    timeline: events.map((e) => ({
      id: e.id,
      at: e.at,
      action: e.action,
      actorName: e.actor?.name ?? null,
      details: e.after,
    })) satisfies TimelineEntry[],
  }
}

export type CaseDetail = NonNullable<Awaited<ReturnType<typeof getCase>>>

/** What the meeting request form offers: the services, and the institutions the viewer is CTD of. */
export type MeetingRequestOptions = {
  /** Every service; `providerId` lets the form offer a provider's CTD only its own services when it asks as the provider. */
  services: { id: string; label: string; providerId: string }[]
  /** Where the viewer is CTD: the consumers they may ask for as the consumer. */
  ownInstitutions: { id: string; name: string }[]
  /** When the viewer is CTD of a provider: every institution, which it may ask for on a consumer's behalf. Else empty. */
  otherConsumers: { id: string; name: string }[]
  /** Open cases the viewer is a party to, so that the form marks the services already in progress. */
  openCases: { consumerId: string; serviceId: string; number: number }[]
}

/**
 * What the meeting request form may offer this viewer — the same rule `requestMeeting` enforces: a
 * CTD asks for its own institution as consumer, or, as CTD of the provider, on any consumer's behalf.
 */
export async function meetingRequestOptions(viewer: Viewer): Promise<MeetingRequestOptions> {
  const ownCtd = viewer.memberships.filter((m) => m.role === 'CTD')
  const ownIds = ownCtd.map((m) => m.institutionId)
  // Only published services may be asked for (the catalog's drafts, retired and deprecated ones may not).
  const services = await db.service.findMany({
    where: { status: 'PUBLISHED' },
    orderBy: { name: 'asc' },
    select: { id: true, name: true, provider: { select: { id: true, shortName: true } } },
  })
  const providesServices = services.some((s) => ownIds.includes(s.provider.id))
  const [others, openCases] = await Promise.all([
    providesServices
      ? db.institution.findMany({
          where: { id: { notIn: ownIds } },
          orderBy: { name: 'asc' },
          select: { id: true, name: true },
        })
      : Promise.resolve([]),
    db.connectionCase.findMany({
      where: { status: { not: 'CLOSED' }, OR: [{ consumerId: { in: ownIds } }, { providerId: { in: ownIds } }] },
      orderBy: { number: 'asc' },
      select: { consumerId: true, serviceId: true, number: true },
    }),
  ])
  return {
    services: services.map((s) => ({
      id: s.id,
      label: `${s.name} — ${s.provider.shortName}`,
      providerId: s.provider.id,
    })),
    ownInstitutions: ownCtd.map((m) => ({ id: m.institutionId, name: m.institutionName })),
    otherConsumers: others,
    openCases,
  }
}

export type QueueItem = {
  caseId: string
  number: number
  serviceName: string
  consumerName: string
  step: NextStepName
  since: Date
}
export type WorkQueue = { items: QueueItem[]; total: number }

const nextParties = [
  'DGD_REVIEWER',
  'DGD_HEAD',
  'CONSUMER_BUSINESS_ADMIN',
  'PROVIDER_BUSINESS_ADMIN',
  'CONSUMER_TECHNICAL_ADMIN',
  'CONSUMER_CTD',
] as const satisfies readonly NextParty[]

/**
 * The cases that can wait on the viewer: for each party they may be (a DGD role, or a role on one side
 * of the institutions where they hold it), the statuses in which a case can wait on that party. Null
 * when nothing can.
 */
function mayWaitOn(viewer: Viewer): Prisma.ConnectionCaseWhereInput | null {
  const or: Prisma.ConnectionCaseWhereInput[] = []
  for (const party of nextParties) {
    const { side, role } = nextPartyRoles[party]
    const status = { in: statusesWaitingOn(party) }
    if (side === 'central') {
      if (viewer.centralRoles.some((r) => r === role)) or.push({ status })
      continue
    }
    const ids = [...new Set(viewer.memberships.filter((m) => m.role === role).map((m) => m.institutionId))]
    if (ids.length > 0) or.push({ status, [side === 'CONSUMER' ? 'consumerId' : 'providerId']: { in: ids } })
  }
  return or.length > 0 ? { OR: or } : null
}

const QUEUE_BATCH = 500

/**
 * What waits on the viewer, oldest first: every open case whose next step (workflow.ts `nextSteps`,
 * the same answer the notices are sent by) is asked of a party the viewer is. All of them are counted;
 * the first `limit` are listed. Cases are read in keyset batches, narrowed by status in the database.
 */
export async function workQueue(viewer: Viewer, { limit = 50 }: { limit?: number } = {}): Promise<WorkQueue> {
  const waiting = mayWaitOn(viewer)
  if (!waiting) return { items: [], total: 0 }
  const items: QueueItem[] = []
  let total = 0
  let after: { id: string } | undefined
  for (;;) {
    const batch = await db.connectionCase.findMany({
      where: { AND: [caseScope(viewer), waiting] },
      orderBy: [{ updatedAt: 'asc' }, { id: 'asc' }],
      take: QUEUE_BATCH,
      ...(after ? { cursor: after, skip: 1 } : {}),
      select: {
        id: true,
        number: true,
        status: true,
        consumerId: true,
        providerId: true,
        updatedAt: true,
        assignedReviewerId: true,
        service: { select: { name: true, requiresAgreement: true } },
        consumer: { select: { name: true } },
        agreement: { select: { status: true, signatures: { select: { party: true } } } },
        promotions: snapshotPromotionsSelect,
      },
    })
    for (const c of batch) {
      const standing = caseStanding(viewer, c)
      // A case assigned to a reviewer waits on that reviewer alone for the reviewers' steps.
      const mine = nextSteps(snapshotOf(c)).find(
        (s) =>
          holdsParty(standing, s.party) &&
          !(s.party === 'DGD_REVIEWER' && c.assignedReviewerId && c.assignedReviewerId !== viewer.personId),
      )
      if (!mine) continue
      total++
      if (items.length < limit) {
        items.push({
          caseId: c.id,
          number: c.number,
          serviceName: c.service.name,
          consumerName: c.consumer.name,
          step: mine.step,
          since: c.updatedAt,
        })
      }
    }
    const last = batch.at(-1)
    if (batch.length < QUEUE_BATCH || !last) break
    after = { id: last.id }
  }
  return { items, total }
}
