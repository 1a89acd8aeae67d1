/**
 * Publication requests: asking for a service, a new version of one, a schema or a new version of one
 * to be published, and every step of its review (./workflow.ts). Each step is one locked transaction
 * (lib/workflow/step.ts) with its audit event and notices (./notify.ts). On the head's approval the
 * version is published, the previous published one becomes DEPRECATED (kept as history), and the
 * requester receives the internal note as a PDF fixed then.
 */
import { createHash } from 'node:crypto'
import { authorize, ForbiddenError, type Principal } from '@/lib/auth/roles'
import { recordAudit } from '@/lib/audit/record'
import { parseSchemaContent, parseServiceSpec, type Operation } from '@/lib/catalog/specs'
import { db, type Tx } from '@/lib/db/client'
import { DomainError } from '@/lib/errors'
import { Prisma } from '@/lib/generated/prisma/client'
import { searchTextOf } from '@/lib/text/search'
import { holdsCentralRole } from '@/lib/workflow/recipients'
import { runStep } from '@/lib/workflow/step'
import { renderNotePdf } from './note-pdf'
import { notifyNoteDelivered, settlePublicationNotices } from './notify'
import type { NoteInput, PublicationRequestInput, ResubmitInput } from './schemas'
import {
  decidePublication,
  type PublicationAction,
  type PublicationActor,
  type PublicationSnapshot,
  type PublicationStatus,
} from './workflow'

const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex')

export const lockedRequestSelect = {
  id: true,
  number: true,
  kind: true,
  status: true,
  institutionId: true,
  serviceId: true,
  serviceVersionId: true,
  schemaId: true,
  schemaVersionId: true,
  requestedById: true,
  reviewerId: true,
  noteAuthorId: true,
  leadApprovedById: true,
  returnReason: true,
  institution: { select: { name: true } },
  service: { select: { code: true, name: true, protocol: true } },
  schema: { select: { code: true, name: true, format: true } },
  serviceVersion: { select: { version: true } },
  schemaVersion: { select: { version: true } },
} satisfies Prisma.PublicationRequestSelect

export type LockedRequest = Prisma.PublicationRequestGetPayload<{ select: typeof lockedRequestSelect }>

export function publicationSnapshotOf(r: {
  status: PublicationStatus
  reviewerId: string | null
  noteAuthorId: string | null
  leadApprovedById: string | null
}): PublicationSnapshot {
  return {
    status: r.status,
    reviewerId: r.reviewerId,
    noteAuthorId: r.noteAuthorId,
    leadApprovedById: r.leadApprovedById,
  }
}

/** A party to a request: a member of the institution that asks, or central staff. Anyone else is refused. */
export function publicationActorOf(principal: Principal, institutionId: string): PublicationActor {
  const member = principal.memberships.filter((m) => m.institutionId === institutionId)
  if (principal.centralRoles.length === 0 && member.length === 0) throw new ForbiddenError('publications.read')
  return {
    personId: principal.personId,
    centralRoles: [...principal.centralRoles],
    requesterTechnicalAdmin: member.some((m) => m.role === 'TECHNICAL_ADMIN'),
  }
}

/** What a request is about, in words: "Servicio X (CODE) v2". */
export function subjectOf(r: {
  service: { code: string; name: string } | null
  schema: { code: string; name: string } | null
  serviceVersion: { version: string } | null
  schemaVersion: { version: string } | null
}) {
  const entry = r.service ?? r.schema
  const version = r.serviceVersion?.version ?? r.schemaVersion?.version ?? ''
  return { code: entry?.code ?? '', name: entry?.name ?? '', version }
}

function step<T>(
  actor: Principal,
  requestId: string,
  action: PublicationAction,
  apply: (tx: Tx, locked: LockedRequest, move: { status: PublicationStatus }) => Promise<T>,
  details: Record<string, Prisma.InputJsonValue | null> = {},
): Promise<T> {
  return runStep({
    table: 'PublicationRequest',
    id: requestId,
    read: (tx) => tx.publicationRequest.findUniqueOrThrow({ where: { id: requestId }, select: lockedRequestSelect }),
    snapshotOf: publicationSnapshotOf,
    decide: (locked, before) => decidePublication(before, action, publicationActorOf(actor, locked.institutionId)),
    moveStatus: async (tx, from, to) =>
      (await tx.publicationRequest.updateMany({ where: { id: requestId, status: from }, data: { status: to } })).count,
    wrongState: 'publicationWrongState',
    apply,
    settle: (tx, _locked, before, after, current) =>
      settlePublicationNotices(tx, current, before, after, actor.personId),
    audit: (locked, before, move) => ({
      actorId: actor.personId,
      action: `publication.${action}`,
      targetType: 'PublicationRequest',
      targetId: requestId,
      institutionId: locked.institutionId,
      before: { status: before.status },
      after: { status: move.status, ...details },
    }),
  })
}

// ─────────────────────────────── Request ───────────────────────────────

/** The uploaded document: a service's specification, or a schema's content. */
export type Upload = { fileName: string; content: Uint8Array }

async function validSpec(bytes: Uint8Array, protocol: 'REST' | 'SOAP') {
  const parsed = await parseServiceSpec(bytes, protocol)
  if (!parsed.ok) throw new DomainError('specInvalid', { reason: parsed.reason }, 'document')
  return parsed
}

async function validSchema(bytes: Uint8Array, format: 'JSON_SCHEMA' | 'XSD') {
  const content = new TextDecoder().decode(bytes)
  const parsed = await parseSchemaContent(content, format)
  if (!parsed.ok) throw new DomainError('schemaInvalid', { reason: parsed.reason }, 'document')
  return content
}

async function refuseOpenRequest(tx: Tx, where: Prisma.PublicationRequestWhereInput) {
  const open = await tx.publicationRequest.findFirst({
    where: { ...where, status: { notIn: ['PUBLISHED', 'WITHDRAWN'] } },
    select: { number: true },
  })
  if (open) throw new DomainError('publicationAlreadyOpen', { number: open.number })
}

type Created = { id: string; number: number }

/**
 * The provider's (or schema owner's) technical administrator asks for a publication. The document is
 * validated first by the kept parsers: an invalid one is refused with the parser's reason and nothing
 * is stored.
 */
export async function requestPublication(
  actor: Principal,
  input: PublicationRequestInput,
  upload: Upload,
): Promise<Created> {
  switch (input.kind) {
    case 'NEW_SERVICE': {
      authorize(actor, 'publications.request', input.institutionId)
      const spec = await validSpec(upload.content, input.protocol)
      return create(actor, input.requestNote, async (tx) => {
        if (await tx.service.findUnique({ where: { code: input.code }, select: { id: true } })) {
          throw new DomainError('serviceCodeTaken', { code: input.code }, 'code')
        }
        const provider = await tx.institution.findUniqueOrThrow({
          where: { id: input.institutionId },
          select: { name: true },
        })
        const service = await tx.service.create({
          data: {
            code: input.code,
            name: input.name,
            description: input.description,
            providerId: input.institutionId,
            version: input.version,
            protocol: input.protocol,
            requiresAgreement: input.requiresAgreement,
            // Not in the catalog until published: the reviewer enables its development environment.
            status: 'IN_REVIEW',
            devStatus: 'NOT_OFFERED',
            prodStatus: 'NOT_OFFERED',
            searchText: searchTextOf(input.code, input.name, input.description, provider.name),
          },
          select: { id: true },
        })
        const version = await createServiceVersion(tx, actor, service.id, input, upload, spec)
        return {
          kind: 'NEW_SERVICE',
          institutionId: input.institutionId,
          serviceId: service.id,
          serviceVersionId: version.id,
          searchParts: [input.code, input.name, provider.name],
        }
      })
    }
    case 'SERVICE_VERSION': {
      const service = await db.service.findUnique({
        where: { id: input.serviceId },
        select: {
          id: true,
          providerId: true,
          protocol: true,
          code: true,
          name: true,
          provider: { select: { name: true } },
        },
      })
      if (!service) throw new DomainError('notFound')
      authorize(actor, 'publications.request', service.providerId)
      const spec = await validSpec(upload.content, service.protocol)
      return create(actor, input.requestNote, async (tx) => {
        // One request at a time per service: serialized on its row.
        await tx.$queryRaw`SELECT id FROM "Service" WHERE id = ${service.id} FOR UPDATE`
        await refuseOpenRequest(tx, { serviceId: service.id })
        const version = await createServiceVersion(tx, actor, service.id, input, upload, spec)
        return {
          kind: 'SERVICE_VERSION',
          institutionId: service.providerId,
          serviceId: service.id,
          serviceVersionId: version.id,
          searchParts: [service.code, service.name, service.provider.name],
        }
      })
    }
    case 'NEW_SCHEMA': {
      authorize(actor, 'publications.request', input.institutionId)
      const content = await validSchema(upload.content, input.format)
      return create(actor, input.requestNote, async (tx) => {
        if (await tx.schema.findUnique({ where: { code: input.code }, select: { id: true } })) {
          throw new DomainError('schemaCodeTaken', { code: input.code }, 'code')
        }
        const owner = await tx.institution.findUniqueOrThrow({
          where: { id: input.institutionId },
          select: { name: true },
        })
        const schema = await tx.schema.create({
          data: {
            code: input.code,
            name: input.name,
            description: input.description,
            kind: input.schemaKind,
            format: input.format,
            ownerId: input.institutionId,
            status: 'IN_REVIEW',
            searchText: searchTextOf(input.code, input.name, input.description, owner.name),
          },
          select: { id: true },
        })
        const version = await createSchemaVersion(tx, actor, schema.id, input, content)
        return {
          kind: 'NEW_SCHEMA',
          institutionId: input.institutionId,
          schemaId: schema.id,
          schemaVersionId: version.id,
          searchParts: [input.code, input.name, owner.name],
        }
      })
    }
    case 'SCHEMA_VERSION': {
      const schema = await db.schema.findUnique({
        where: { id: input.schemaId },
        select: { id: true, ownerId: true, format: true, code: true, name: true, owner: { select: { name: true } } },
      })
      if (!schema) throw new DomainError('notFound')
      authorize(actor, 'publications.request', schema.ownerId)
      const content = await validSchema(upload.content, schema.format)
      return create(actor, input.requestNote, async (tx) => {
        await tx.$queryRaw`SELECT id FROM "Schema" WHERE id = ${schema.id} FOR UPDATE`
        await refuseOpenRequest(tx, { schemaId: schema.id })
        const version = await createSchemaVersion(tx, actor, schema.id, input, content)
        return {
          kind: 'SCHEMA_VERSION',
          institutionId: schema.ownerId,
          schemaId: schema.id,
          schemaVersionId: version.id,
          searchParts: [schema.code, schema.name, schema.owner.name],
        }
      })
    }
  }
}

async function createServiceVersion(
  tx: Tx,
  actor: Principal,
  serviceId: string,
  input: { version: string; changes: string },
  upload: Upload,
  spec: { format: 'OPENAPI' | 'WSDL'; operations: Operation[] },
) {
  const taken = await tx.serviceVersion.findUnique({
    where: { serviceId_version: { serviceId, version: input.version } },
    select: { id: true },
  })
  if (taken) throw new DomainError('versionTaken', { version: input.version }, 'version')
  return tx.serviceVersion.create({
    data: {
      serviceId,
      version: input.version,
      status: 'IN_REVIEW',
      specFormat: spec.format,
      spec: Buffer.from(upload.content),
      specSha256: sha256(upload.content),
      operations: spec.operations as Prisma.InputJsonValue,
      changes: input.changes,
      createdById: actor.personId,
    },
    select: { id: true },
  })
}

async function createSchemaVersion(
  tx: Tx,
  actor: Principal,
  schemaId: string,
  input: { version: string; changes: string },
  content: string,
) {
  const taken = await tx.schemaVersion.findUnique({
    where: { schemaId_version: { schemaId, version: input.version } },
    select: { id: true },
  })
  if (taken) throw new DomainError('versionTaken', { version: input.version }, 'version')
  return tx.schemaVersion.create({
    data: {
      schemaId,
      version: input.version,
      status: 'IN_REVIEW',
      content,
      contentSha256: sha256(content),
      changes: input.changes,
      createdById: actor.personId,
    },
    select: { id: true },
  })
}

type Subject = {
  kind: 'NEW_SERVICE' | 'SERVICE_VERSION' | 'NEW_SCHEMA' | 'SCHEMA_VERSION'
  institutionId: string
  serviceId?: string
  serviceVersionId?: string
  schemaId?: string
  schemaVersionId?: string
  searchParts: string[]
}

/** Creates the request for the subject `prepare` wrote, tells the DGD heads, records it. */
async function create(actor: Principal, requestNote: string, prepare: (tx: Tx) => Promise<Subject>): Promise<Created> {
  return db.$transaction(async (tx) => {
    const { searchParts, ...subject } = await prepare(tx)
    const created = await tx.publicationRequest.create({
      data: { ...subject, requestNote, requestedById: actor.personId, searchText: searchTextOf(...searchParts) },
      select: lockedRequestSelect,
    })
    await settlePublicationNotices(tx, created, null, publicationSnapshotOf(created), actor.personId)
    await recordAudit(tx, {
      actorId: actor.personId,
      action: 'publication.request',
      targetType: 'PublicationRequest',
      targetId: created.id,
      institutionId: created.institutionId,
      after: { status: 'REQUESTED', kind: subject.kind, ...subjectOf(created) },
    })
    return { id: created.id, number: created.number }
  })
}

// ──────────────────────────────── Steps ────────────────────────────────

/** The DGD head assigns the request to a DGD reviewer (or reassigns it before the note is written). */
export async function assignReviewer(actor: Principal, requestId: string, reviewerId: string) {
  return step(
    actor,
    requestId,
    'assign',
    async (tx, locked) => {
      if (!(await holdsCentralRole(tx, reviewerId, 'DGD_REVIEWER'))) {
        throw new DomainError('reviewerNotFound', {}, 'reviewerId')
      }
      if (locked.status === 'ASSIGNED' && locked.reviewerId === reviewerId) {
        throw new DomainError('reviewerAlreadyAssigned', {}, 'reviewerId')
      }
      await tx.publicationRequest.update({
        where: { id: requestId },
        data: { reviewerId, assignedById: actor.personId, assignedAt: new Date() },
      })
    },
    { reviewerId },
  )
}

/**
 * The assigned reviewer enables the service in the development environment and writes the internal
 * note: what was done, and what is recommended. The development endpoint, when given, is the
 * service's from now on.
 */
export async function writeNote(actor: Principal, requestId: string, input: NoteInput) {
  return step(
    actor,
    requestId,
    'writeNote',
    async (tx, locked) => {
      await tx.publicationRequest.update({
        where: { id: requestId },
        data: {
          devEndpoint: input.devEndpoint,
          noteActivities: input.activities,
          noteRecommendations: input.recommendations,
          noteAuthorId: actor.personId,
          noteWrittenAt: new Date(),
        },
      })
      if (locked.serviceId && input.devEndpoint) {
        await tx.service.update({
          where: { id: locked.serviceId },
          data: { devEndpoint: input.devEndpoint, devStatus: 'AVAILABLE' },
        })
      }
    },
    { devEndpoint: input.devEndpoint },
  )
}

/** The reviewer's lead — another DGD reviewer — approves the note. */
export async function approveNoteAsLead(actor: Principal, requestId: string) {
  return step(actor, requestId, 'approveAsLead', async (tx) => {
    await tx.publicationRequest.update({
      where: { id: requestId },
      data: { leadApprovedById: actor.personId, leadApprovedAt: new Date() },
    })
  })
}

/**
 * The head approves the note: the version is published, the note's PDF is fixed and the requester
 * receives it.
 */
export async function approveNoteAsHead(actor: Principal, requestId: string, now = new Date()) {
  return step(actor, requestId, 'approveAsHead', async (tx, locked) => {
    await publishSubject(tx, locked, now)
    await tx.publicationRequest.update({
      where: { id: requestId },
      data: { headApprovedById: actor.personId, headApprovedAt: now, publishedAt: now },
    })
    const pdf = await renderNotePdf(await loadNote(tx, requestId))
    await tx.publicationRequest.update({
      where: { id: requestId },
      data: { notePdf: Buffer.from(pdf), notePdfSha256: sha256(pdf) },
    })
    await notifyNoteDelivered(tx, locked, actor.personId)
  })
}

/** Whoever holds the step returns the request with reasons; the requester amends it and resubmits. */
export async function returnRequest(actor: Principal, requestId: string, reason: string) {
  return step(
    actor,
    requestId,
    'returnRequest',
    async (tx) => {
      await tx.publicationRequest.update({
        where: { id: requestId },
        data: { returnReason: reason, returnedById: actor.personId, returnedAt: new Date() },
      })
    },
    { reason },
  )
}

/**
 * The requester amends a returned request — its note, what changed and, optionally, a corrected
 * document (validated like the first) — and sends it again: the review starts over with the head.
 */
export async function resubmitRequest(
  actor: Principal,
  requestId: string,
  input: ResubmitInput,
  upload: Upload | null,
) {
  const found = await db.publicationRequest.findUnique({
    where: { id: requestId },
    select: lockedRequestSelect,
  })
  if (!found) throw new DomainError('notFound')
  publicationActorOf(actor, found.institutionId)
  // Validated before the transaction: an invalid document changes nothing.
  const spec = upload && found.service ? await validSpec(upload.content, found.service.protocol) : null
  const content = upload && found.schema ? await validSchema(upload.content, found.schema.format) : null
  return step(
    actor,
    requestId,
    'resubmit',
    async (tx, locked) => {
      await tx.publicationRequest.update({
        where: { id: requestId },
        data: {
          requestNote: input.requestNote,
          reviewerId: null,
          assignedById: null,
          assignedAt: null,
          devEndpoint: null,
          noteActivities: null,
          noteRecommendations: null,
          noteAuthorId: null,
          noteWrittenAt: null,
          leadApprovedById: null,
          leadApprovedAt: null,
        },
      })
      if (locked.serviceVersionId) {
        await tx.serviceVersion.update({
          where: { id: locked.serviceVersionId },
          data: {
            changes: input.changes,
            ...(spec && upload
              ? {
                  spec: Buffer.from(upload.content),
                  specSha256: sha256(upload.content),
                  specFormat: spec.format,
                  operations: spec.operations as Prisma.InputJsonValue,
                }
              : {}),
          },
        })
      }
      if (locked.schemaVersionId) {
        await tx.schemaVersion.update({
          where: { id: locked.schemaVersionId },
          data: { changes: input.changes, ...(content ? { content, contentSha256: sha256(content) } : {}) },
        })
      }
    },
    { documentReplaced: upload !== null },
  )
}

/** The requester withdraws the request: the version proposed is retired, and so is an entry never published. */
export async function withdrawRequest(actor: Principal, requestId: string) {
  return step(actor, requestId, 'withdraw', async (tx, locked) => {
    await tx.publicationRequest.update({ where: { id: requestId }, data: { withdrawnAt: new Date() } })
    if (locked.serviceVersionId) {
      await tx.serviceVersion.update({ where: { id: locked.serviceVersionId }, data: { status: 'RETIRED' } })
    }
    if (locked.schemaVersionId) {
      await tx.schemaVersion.update({ where: { id: locked.schemaVersionId }, data: { status: 'RETIRED' } })
    }
    if (locked.kind === 'NEW_SERVICE' && locked.serviceId) {
      await tx.service.updateMany({ where: { id: locked.serviceId, status: 'IN_REVIEW' }, data: { status: 'RETIRED' } })
    }
    if (locked.kind === 'NEW_SCHEMA' && locked.schemaId) {
      await tx.schema.updateMany({ where: { id: locked.schemaId, status: 'IN_REVIEW' }, data: { status: 'RETIRED' } })
    }
  })
}

// ───────────────────────────── Publication ─────────────────────────────

/**
 * The version becomes the published one: the one published before it is DEPRECATED (kept as the
 * entry's history, still readable; a deprecation with a stop date is its own act, lib/review/jobs.ts),
 * and the entry's version, status and review date follow.
 */
async function publishSubject(tx: Tx, r: LockedRequest, now: Date) {
  if (r.serviceId && r.serviceVersionId) {
    await tx.serviceVersion.updateMany({
      where: { serviceId: r.serviceId, status: 'PUBLISHED', id: { not: r.serviceVersionId } },
      data: { status: 'DEPRECATED' },
    })
    await tx.serviceVersion.update({
      where: { id: r.serviceVersionId },
      data: { status: 'PUBLISHED', publishedAt: now },
    })
    await tx.service.update({
      where: { id: r.serviceId },
      data: {
        version: r.serviceVersion!.version,
        status: 'PUBLISHED',
        lastReviewedAt: now,
        staleNotifiedAt: null,
        deprecatedAt: null,
        stopsOn: null,
      },
    })
  }
  if (r.schemaId && r.schemaVersionId) {
    await tx.schemaVersion.updateMany({
      where: { schemaId: r.schemaId, status: 'PUBLISHED', id: { not: r.schemaVersionId } },
      data: { status: 'DEPRECATED' },
    })
    await tx.schemaVersion.update({ where: { id: r.schemaVersionId }, data: { status: 'PUBLISHED', publishedAt: now } })
    await tx.schema.update({
      where: { id: r.schemaId },
      data: { status: 'PUBLISHED', deprecatedAt: null, stopsOn: null },
    })
  }
}

/** Everything the note's PDF says, read in the step's transaction. */
export async function loadNote(tx: Tx, requestId: string) {
  const r = await tx.publicationRequest.findUniqueOrThrow({
    where: { id: requestId },
    select: {
      ...lockedRequestSelect,
      requestNote: true,
      requestedAt: true,
      devEndpoint: true,
      noteActivities: true,
      noteRecommendations: true,
      noteWrittenAt: true,
      leadApprovedAt: true,
      headApprovedAt: true,
      headApprovedById: true,
      requestedBy: { select: { name: true } },
    },
  })
  const ids = [r.noteAuthorId, r.leadApprovedById, r.headApprovedById].filter((id): id is string => id !== null)
  const names = new Map(
    (await tx.person.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })).map((p) => [
      p.id,
      p.name,
    ]),
  )
  const name = (id: string | null) => (id ? (names.get(id) ?? '—') : '—')
  return {
    number: r.number,
    kind: r.kind,
    institutionName: r.institution.name,
    subject: subjectOf(r),
    requestNote: r.requestNote,
    requestedByName: r.requestedBy.name,
    requestedAt: r.requestedAt,
    devEndpoint: r.devEndpoint,
    activities: r.noteActivities ?? '',
    recommendations: r.noteRecommendations,
    author: { name: name(r.noteAuthorId), at: r.noteWrittenAt },
    lead: { name: name(r.leadApprovedById), at: r.leadApprovedAt },
    head: { name: name(r.headApprovedById), at: r.headApprovedAt },
  }
}

export type NoteContent = Awaited<ReturnType<typeof loadNote>>
