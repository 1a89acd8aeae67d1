import 'server-only'
import type { Viewer } from '@/lib/auth/load-viewer'
import { skipFor } from '@/lib/data-table/search-params'
import { db } from '@/lib/db/client'
import type { Prisma } from '@/lib/generated/prisma/client'
import type { ConnectionStatus } from '@/lib/generated/prisma/enums'
import { agreementTermsSelect } from '@/lib/agreements/document'
import { agreementTerm, effectiveAgreementStatus } from '@/lib/agreements/status'
import { agreementPdfSha256, signedDocument } from '@/lib/agreements/terms'
import { evaluateChecklist, type ChecklistResult } from './checklist'
import { loadChecklistFacts } from './checklist-facts'
import { caseActor, isCaseParty } from './cases'
import { casePartiesSelect, casePartyNames, caseScope, caseSearchWords } from './scope'
import { snapshotOf, snapshotPromotionsSelect } from './snapshot'
import type { CasesTableParams } from './table-params'
import { decide, waitingOn, type CaseAction, type NextParty } from './workflow'

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
]

export type TimelineEntry = { id: string; at: Date; action: string; actorName: string | null; details: Prisma.JsonValue }

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
      nodes: { select: { id: true, environment: true, issuedAt: true, revokedAt: true, configuration: true } },
      tests: { orderBy: { ranAt: 'desc' }, select: { id: true, ranAt: true, target: true, outcome: true, latencyMs: true, notes: true } },
      promotions: {
        orderBy: { requestedAt: 'desc' },
        select: { id: true, status: true, requestedAt: true, rejectionReason: true, reviewedById: true },
      },
    },
  })
  if (!found || !isCaseParty(viewer, found.consumerId, found.providerId)) return null

  const snapshot = snapshotOf({ ...found, promotions: found.promotions.filter((p) => p.status === 'REVIEWED') })
  const actor = caseActor(viewer, found.consumerId, found.providerId)
  const available = stepActions.filter((action) => decide(snapshot, action, actor).ok)

  const [events, checklist] = await Promise.all([
    db.auditEvent.findMany({
      where: { targetType: 'ConnectionCase', targetId: id },
      orderBy: { at: 'asc' },
      select: { id: true, at: true, action: true, after: true, actor: { select: { name: true } } },
    }),
    found.status === 'DEV_NODE_PROVISIONED' || found.status === 'PROMOTION_REQUESTED'
      ? db.$transaction((tx) => loadChecklistFacts(tx, id, new Date())).then(evaluateChecklist)
      : Promise.resolve(null as ChecklistResult | null),
  ])
  const signerIds = found.agreement?.signatures.map((s) => s.signedById) ?? []
  const signers = new Map(
    (await db.person.findMany({ where: { id: { in: signerIds } }, select: { id: true, name: true } })).map((p) => [p.id, p.name]),
  )

  const pdfSha256 = found.agreement ? await agreementPdfSha256(viewer, id) : null

  return {
    ...found,
    agreement: found.agreement && {
      ...found.agreement,
      // As the agreements list says it: the status and term on today's date, a termination notice included.
      effectiveStatus: effectiveAgreementStatus(found.agreement, new Date()),
      term: agreementTerm(found.agreement),
      pdfSha256,
      signatures: found.agreement.signatures.map((s) => ({
        ...s,
        signerName: signers.get(s.signedById) ?? null,
        document: signedDocument(s.documentSha256, pdfSha256, found.agreement!.documents),
      })),
    },
    available,
    mayDownloadConfig: actor.consumerRoles.some((role) => role === 'TECHNICAL_ADMIN' || role === 'CTD'),
    waitingOn: waitingOn(snapshot) as NextParty[],
    checklist,
    timeline: events.map((e) => ({ id: e.id, at: e.at, action: e.action, actorName: e.actor?.name ?? null, details: e.after })) satisfies TimelineEntry[],
  }
}

export type CaseDetail = NonNullable<Awaited<ReturnType<typeof getCase>>>

/** What the meeting request form offers: the services, and the institutions the viewer is CTD of. */
export async function meetingRequestOptions(viewer: Viewer) {
  const ownCtd = viewer.memberships.filter((m) => m.role === 'CTD')
  const [services, institutions] = await Promise.all([
    db.service.findMany({ orderBy: { name: 'asc' }, select: { id: true, name: true, provider: { select: { id: true, shortName: true } } } }),
    db.institution.findMany({ orderBy: { name: 'asc' }, select: { id: true, name: true } }),
  ])
  return {
    services: services.map((s) => ({ id: s.id, label: `${s.name} — ${s.provider.shortName}`, providerId: s.provider.id })),
    ownInstitutions: ownCtd.map((m) => ({ id: m.institutionId, name: m.institutionName })),
    institutions,
  }
}

export type QueueItem = { caseId: string; number: number; serviceName: string; consumerName: string; action: CaseAction; since: Date }

/**
 * What waits on the viewer: every open case where the workflow lets them make a move now — the same
 * rule the case page uses to show its forms.
 */
export async function workQueue(viewer: Viewer, limit = 50): Promise<QueueItem[]> {
  const open = await db.connectionCase.findMany({
    where: { AND: [caseScope(viewer), { status: { notIn: ['CONNECTED', 'CLOSED'] } }] },
    orderBy: { updatedAt: 'asc' },
    take: 500,
    select: {
      id: true,
      number: true,
      status: true,
      consumerId: true,
      providerId: true,
      updatedAt: true,
      service: { select: { name: true, requiresAgreement: true } },
      consumer: { select: { name: true } },
      agreement: { select: { status: true, signatures: { select: { party: true } } } },
      promotions: snapshotPromotionsSelect,
    },
  })
  const items: QueueItem[] = []
  for (const c of open) {
    const snapshot = snapshotOf(c)
    const actor = caseActor(viewer, c.consumerId, c.providerId)
    // Recording tests is always possible while testing; it is the technical administrator's work only until the promotion is asked.
    const action = stepActions.find(
      (a) => decide(snapshot, a, actor).ok && !(a === 'recordConnectivityTest' && c.status !== 'DEV_NODE_PROVISIONED') && a !== 'rejectAgreement' && a !== 'rejectPromotion',
    )
    if (action) items.push({ caseId: c.id, number: c.number, serviceName: c.service.name, consumerName: c.consumer.name, action, since: c.updatedAt })
    if (items.length >= limit) break
  }
  return items
}
