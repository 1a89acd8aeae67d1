import 'server-only'
import type { Viewer } from '@/lib/auth/load-viewer'
import { can } from '@/lib/auth/roles'
import { skipFor } from '@/lib/data-table/search-params'
import { db } from '@/lib/db/client'
import type { Prisma } from '@/lib/generated/prisma/client'
import type { PublicationKind } from '@/lib/generated/prisma/enums'
import { foldForSearch } from '@/lib/text/search'
import { renderNotePdf } from './note-pdf'
import { loadNote, publicationActorOf, publicationSnapshotOf, subjectOf } from './requests'
import type { RequestsTableParams } from './table-params'
import {
  decidePublication,
  publicationNextSteps,
  publicationStepFor,
  openStatuses,
  statusesWaitingOnCentral,
  type PublicationAction,
  type PublicationStatus,
  type PublicationStepName,
} from './workflow'

/** Requests the viewer may see: their institutions' (any role), or all for central staff. */
export function requestScope(viewer: Viewer): Prisma.PublicationRequestWhereInput {
  if (viewer.centralRoles.length > 0) return {}
  return { institutionId: { in: [...new Set(viewer.memberships.map((m) => m.institutionId))] } }
}

const rowSelect = {
  id: true,
  number: true,
  kind: true,
  status: true,
  updatedAt: true,
  institution: { select: { name: true } },
  service: { select: { code: true, name: true } },
  schema: { select: { code: true, name: true } },
  serviceVersion: { select: { version: true } },
  schemaVersion: { select: { version: true } },
} satisfies Prisma.PublicationRequestSelect

export type RequestRow = {
  id: string
  number: number
  kind: PublicationKind
  status: PublicationStatus
  subject: string
  version: string
  institutionName: string
  updatedAt: Date
}

function toRow(r: Prisma.PublicationRequestGetPayload<{ select: typeof rowSelect }>): RequestRow {
  const subject = subjectOf(r)
  return {
    id: r.id,
    number: r.number,
    kind: r.kind,
    status: r.status,
    subject: `${subject.name} (${subject.code})`,
    version: subject.version,
    institutionName: r.institution.name,
    updatedAt: r.updatedAt,
  }
}

export async function listRequests(viewer: Viewer, params: RequestsTableParams) {
  const words = foldForSearch(params.q).split(' ').filter(Boolean)
  const where: Prisma.PublicationRequestWhereInput = {
    AND: [
      requestScope(viewer),
      ...words.map((word) => ({
        OR: [{ searchText: { contains: word } }, ...(/^\d+$/.test(word) ? [{ number: Number(word) }] : [])],
      })),
    ],
    ...(params.filters.status.length ? { status: { in: params.filters.status } } : {}),
    ...(params.filters.kind.length ? { kind: { in: params.filters.kind } } : {}),
  }
  const dir = params.sort.desc ? 'desc' : 'asc'
  const [rows, rowCount] = await Promise.all([
    db.publicationRequest.findMany({
      where,
      orderBy: [{ [params.sort.id]: dir }, { id: 'asc' }],
      skip: skipFor(params),
      take: params.pageSize,
      select: rowSelect,
    }),
    db.publicationRequest.count({ where }),
  ])
  return { rows: rows.map(toRow), rowCount }
}

const stepActions: PublicationAction[] = [
  'assign',
  'writeNote',
  'approveAsLead',
  'approveAsHead',
  'returnRequest',
  'resubmit',
  'withdraw',
]

/** A request as its parties see it, with the moves this viewer may make now; null if not theirs. */
export async function getRequest(viewer: Viewer, id: string) {
  const r = await db.publicationRequest.findFirst({
    where: { AND: [{ id }, requestScope(viewer)] },
    select: {
      ...rowSelect,
      institutionId: true,
      serviceId: true,
      schemaId: true,
      requestNote: true,
      requestedAt: true,
      reviewerId: true,
      noteAuthorId: true,
      leadApprovedById: true,
      leadApprovedAt: true,
      headApprovedById: true,
      headApprovedAt: true,
      devEndpoint: true,
      noteActivities: true,
      noteRecommendations: true,
      noteWrittenAt: true,
      returnReason: true,
      publishedAt: true,
      notePdfSha256: true,
      requestedBy: { select: { name: true } },
      reviewer: { select: { name: true } },
      serviceVersion: { select: { version: true, changes: true, operations: true, specFormat: true } },
      schemaVersion: { select: { version: true, changes: true } },
    },
  })
  if (!r) return null
  const actor = publicationActorOf(viewer, r.institutionId)
  const snapshot = publicationSnapshotOf(r)
  const available = stepActions.filter((action) => decidePublication(snapshot, action, actor).ok)
  const ids = [r.leadApprovedById, r.headApprovedById, r.noteAuthorId].filter((x): x is string => x !== null)
  const [people, reviewerOptions, events] = await Promise.all([
    db.person.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }),
    available.includes('assign')
      ? db.person.findMany({
          where: { disabledAt: null, centralRoles: { some: { role: 'DGD_REVIEWER', endedAt: null } } },
          orderBy: { name: 'asc' },
          select: { id: true, name: true },
        })
      : Promise.resolve([]),
    db.auditEvent.findMany({
      where: { targetType: 'PublicationRequest', targetId: id },
      orderBy: { at: 'asc' },
      select: { id: true, at: true, action: true, after: true, actor: { select: { name: true } } },
    }),
  ])
  const name = (personId: string | null) => people.find((p) => p.id === personId)?.name ?? null
  // The note is the requester's once published; the DGD and auditors read it once written.
  const mayReadNote = r.notePdfSha256 !== null || (viewer.centralRoles.length > 0 && r.noteWrittenAt !== null)
  return {
    ...toRow(r),
    institutionId: r.institutionId,
    serviceId: r.serviceId,
    schemaId: r.schemaId,
    requestNote: r.requestNote,
    requestedAt: r.requestedAt,
    requestedByName: r.requestedBy.name,
    reviewerName: r.reviewer?.name ?? null,
    changes: r.serviceVersion?.changes ?? r.schemaVersion?.changes ?? '',
    operations: (r.serviceVersion?.operations ?? []) as {
      method?: string
      path?: string
      name?: string
      summary: string | null
    }[],
    note: r.noteWrittenAt
      ? {
          devEndpoint: r.devEndpoint,
          activities: r.noteActivities ?? '',
          recommendations: r.noteRecommendations,
          authorName: name(r.noteAuthorId),
          writtenAt: r.noteWrittenAt,
        }
      : null,
    leadApproval: r.leadApprovedAt ? { name: name(r.leadApprovedById), at: r.leadApprovedAt } : null,
    headApproval: r.headApprovedAt ? { name: name(r.headApprovedById), at: r.headApprovedAt } : null,
    returnReason: r.status === 'RETURNED' ? r.returnReason : null,
    publishedAt: r.publishedAt,
    mayReadNote,
    available,
    reviewerOptions,
    waitingOn: publicationNextSteps(snapshot).map((s) => s.party),
    timeline: events.map((e) => ({
      id: e.id,
      at: e.at,
      action: e.action,
      actorName: e.actor?.name ?? null,
      details: e.after,
    })),
  }
}

export type RequestDetail = NonNullable<Awaited<ReturnType<typeof getRequest>>>

export type PublicationQueueItem = {
  requestId: string
  number: number
  subject: string
  institutionName: string
  step: PublicationStepName
  since: Date
}

/**
 * The publication requests waiting on the viewer, oldest first: the DGD head's assignments and final
 * approvals, the assigned reviewer's notes, the leads' approvals, and the requester's returned
 * requests — the same answer (workflow.ts `publicationStepFor`) the notices are sent by.
 */
export async function publicationQueue(viewer: Viewer, { limit = 50 } = {}) {
  const or: Prisma.PublicationRequestWhereInput[] = []
  const central = statusesWaitingOnCentral(viewer.centralRoles)
  if (central.length > 0) or.push({ status: { in: central } })
  const techOf = viewer.memberships.filter((m) => m.role === 'TECHNICAL_ADMIN').map((m) => m.institutionId)
  if (techOf.length > 0) or.push({ status: 'RETURNED', institutionId: { in: techOf } })
  if (or.length === 0) return { items: [] as PublicationQueueItem[], total: 0 }
  const rows = await db.publicationRequest.findMany({
    where: { AND: [requestScope(viewer), { OR: or }] },
    orderBy: [{ updatedAt: 'asc' }, { id: 'asc' }],
    take: 1000,
    select: { ...rowSelect, institutionId: true, reviewerId: true, noteAuthorId: true, leadApprovedById: true },
  })
  const items: PublicationQueueItem[] = []
  let total = 0
  for (const r of rows) {
    const mine = publicationStepFor(publicationSnapshotOf(r), publicationActorOf(viewer, r.institutionId))
    if (!mine) continue
    total++
    if (items.length < limit) {
      const row = toRow(r)
      items.push({
        requestId: r.id,
        number: r.number,
        subject: `${row.subject} v${row.version}`,
        institutionName: row.institutionName,
        step: mine.step,
        since: r.updatedAt,
      })
    }
  }
  return { items, total }
}

/** What the publication form offers: the institutions the viewer is technical administrator of, their services and schemas. */
export async function publishOptions(viewer: Viewer) {
  const institutions = viewer.memberships
    .filter((m) => m.role === 'TECHNICAL_ADMIN' && can(viewer, 'publications.request', m.institutionId))
    .map((m) => ({ id: m.institutionId, name: m.institutionName }))
  const ids = institutions.map((i) => i.id)
  const [services, schemas] = await Promise.all([
    db.service.findMany({
      where: { providerId: { in: ids }, status: { in: ['PUBLISHED', 'DEPRECATED'] } },
      orderBy: { name: 'asc' },
      select: { id: true, name: true, code: true, version: true },
    }),
    db.schema.findMany({
      where: { ownerId: { in: ids }, status: { in: ['PUBLISHED', 'DEPRECATED'] } },
      orderBy: { name: 'asc' },
      select: { id: true, name: true, code: true },
    }),
  ])
  return { institutions, services, schemas }
}

/**
 * The internal note's PDF for a viewer who may read it: once published, the bytes kept then (the
 * requester's institution and central staff); before that, a draft rendered now, for central staff
 * only. Null when the viewer may not read it, or there is no note yet.
 */
export async function notePdfFor(viewer: Viewer, id: string): Promise<{ pdf: Uint8Array; number: number } | null> {
  const r = await db.publicationRequest.findFirst({
    where: { AND: [{ id }, requestScope(viewer)] },
    select: { number: true, notePdf: true, noteWrittenAt: true },
  })
  if (!r) return null
  if (r.notePdf) return { pdf: new Uint8Array(r.notePdf), number: r.number }
  if (viewer.centralRoles.length === 0 || !r.noteWrittenAt) return null
  const note = await db.$transaction((tx) => loadNote(tx, id))
  return { pdf: await renderNotePdf(note), number: r.number }
}

/** Consumer institutions with an agreement approved or in force for any of these services. */
export async function consumersWithAgreementCount(serviceIds: string[]): Promise<number> {
  if (serviceIds.length === 0) return 0
  const rows = await db.connectionCase.findMany({
    where: { serviceId: { in: serviceIds }, agreement: { status: { in: ['APPROVED', 'IN_FORCE'] } } },
    select: { consumerId: true },
    distinct: ['consumerId'],
  })
  return rows.length
}

/** The services a deprecation is about: the service itself, or every service using the schema. */
async function servicesOf(entry: { serviceId: string } | { schemaId: string }): Promise<string[]> {
  if ('serviceId' in entry) return [entry.serviceId]
  const links = await db.serviceSchema.findMany({ where: { schemaId: entry.schemaId }, select: { serviceId: true } })
  return links.map((l) => l.serviceId)
}

/**
 * What a catalog entry's page offers its keepers: the open publication request for it (one at a time,
 * decision 017), and how many consumer institutions a deprecation would tell. Null for anyone who may
 * neither request a new version nor deprecate it.
 */
export async function upkeepOf(
  viewer: Viewer,
  entry: { serviceId: string; institutionId: string } | { schemaId: string; institutionId: string },
) {
  const mayRequest = can(viewer, 'publications.request', entry.institutionId)
  const mayDeprecate = can(viewer, 'publications.deprecate', entry.institutionId)
  if (!mayRequest && !mayDeprecate) return null
  const [open, consumers] = await Promise.all([
    db.publicationRequest.findFirst({
      where: {
        ...('serviceId' in entry ? { serviceId: entry.serviceId } : { schemaId: entry.schemaId }),
        status: { in: [...openStatuses] },
      },
      select: { id: true, number: true },
    }),
    mayDeprecate ? consumersWithAgreementCount(await servicesOf(entry)) : 0,
  ])
  return { mayRequest, mayDeprecate, openRequest: open, consumers }
}
