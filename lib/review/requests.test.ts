/**
 * The publication review chain against a real database: every step by the right person, refused for
 * the wrong one (another institution, the same person twice), return and resubmission, what the
 * catalog holds once published, and who is told at each step.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { ForbiddenError, type Principal } from '@/lib/auth/roles'
import { db } from '@/lib/db/client'
import { DomainError } from '@/lib/errors'
import { createCentralPerson, createInstitution, createMember, grantCentralRole } from '@/prisma/factories'
import { viewer } from '@/test/support/scenario'
import {
  approveNoteAsHead,
  approveNoteAsLead,
  assignReviewer,
  requestPublication,
  resubmitRequest,
  returnRequest,
  withdrawRequest,
  writeNote,
} from './requests'
import { publicationRequestSchema } from './schemas'

const openapi = readFileSync(path.join(import.meta.dirname, '../../test/fixtures/certificado-nacimiento.openapi.yaml'))
const upload = (content: Uint8Array | string, fileName = 'spec.yaml') => ({
  fileName,
  content: typeof content === 'string' ? new TextEncoder().encode(content) : new Uint8Array(content),
})

let cast: Awaited<ReturnType<typeof makeCast>>

async function makeCast() {
  const [provider, other] = await Promise.all([createInstitution(db), createInstitution(db)])
  const member = async (institutionId: string, role: 'TECHNICAL_ADMIN' | 'CTD' | 'BUSINESS_ADMIN') =>
    viewer((await createMember(db, institutionId, role)).id)
  const central = async (role: 'DGD_REVIEWER' | 'DGD_HEAD') => viewer((await createCentralPerson(db, role)).id)
  return {
    provider,
    other,
    providerTech: await member(provider.id, 'TECHNICAL_ADMIN'),
    providerTech2: await member(provider.id, 'TECHNICAL_ADMIN'),
    providerBusiness: await member(provider.id, 'BUSINESS_ADMIN'),
    otherTech: await member(other.id, 'TECHNICAL_ADMIN'),
    reviewer: await central('DGD_REVIEWER'),
    lead: await central('DGD_REVIEWER'),
    head: await central('DGD_HEAD'),
  }
}

beforeAll(async () => {
  cast = await makeCast()
})

let codes = 0
function newService(overrides: Record<string, string> = {}) {
  return publicationRequestSchema.parse({
    kind: 'NEW_SERVICE',
    institutionId: cast.provider.id,
    code: `rc-nac-${Date.now()}-${codes++}`,
    name: 'Certificado de nacimiento',
    description: 'Emite y verifica certificados de nacimiento.',
    protocol: 'REST',
    requiresAgreement: 'true',
    version: '1.0.0',
    changes: 'Primera versión',
    requestNote: 'Solicitamos publicar el servicio de certificados de nacimiento.',
    ...overrides,
  })
}

async function pendingNotices(requestId: string) {
  const rows = await db.notification.findMany({
    where: { publicationRequestId: requestId, resolvedAt: null, kind: { startsWith: 'publication.waiting.' } },
    select: { recipientId: true },
  })
  return rows.map((r) => r.recipientId).sort()
}

const who = (...people: Principal[]) => people.map((p) => p.personId).sort()

async function refused(promise: Promise<unknown>, code: string) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  if (code === 'forbidden') expect(error).toBeInstanceOf(ForbiddenError)
  else {
    expect(error).toBeInstanceOf(DomainError)
    expect((error as DomainError).code).toBe(code)
  }
}

describe('the review chain', { timeout: 60_000 }, () => {
  it('publishes a service through every step by the right people, and the requester receives the note', async () => {
    const { providerTech, reviewer, lead, head } = cast
    const { id } = await requestPublication(providerTech, newService(), upload(openapi))
    const heads = await db.centralRoleAssignment.findMany({ where: { role: 'DGD_HEAD', endedAt: null } })
    expect(await pendingNotices(id)).toEqual([...new Set(heads.map((h) => h.personId))].sort())

    await assignReviewer(head, id, reviewer.personId)
    expect(await pendingNotices(id)).toEqual(who(reviewer))

    await writeNote(reviewer, id, {
      devEndpoint: 'https://dev.pisee.example.gob.cl/rc/nacimiento',
      activities: 'Se habilitó el servicio en desarrollo y se probaron sus dos operaciones.',
      recommendations: 'Publicar.',
    })
    // Every other reviewer may approve as lead; the note's author is not asked.
    const pending = await pendingNotices(id)
    expect(pending).toContain(lead.personId)
    expect(pending).not.toContain(reviewer.personId)

    await approveNoteAsLead(lead, id)
    expect(await pendingNotices(id)).toContain(head.personId)

    await approveNoteAsHead(head, id)
    expect(await pendingNotices(id)).toEqual([])

    const r = await db.publicationRequest.findUniqueOrThrow({
      where: { id },
      select: {
        status: true,
        notePdf: true,
        serviceId: true,
        serviceVersion: { select: { status: true, publishedAt: true, operations: true } },
      },
    })
    expect(r.status).toBe('PUBLISHED')
    expect(Buffer.from(r.notePdf!).subarray(0, 5).toString()).toBe('%PDF-')
    expect(r.serviceVersion!.status).toBe('PUBLISHED')
    expect(r.serviceVersion!.operations).toEqual([
      expect.objectContaining({ method: 'GET', path: '/nacimiento/{run}' }),
      expect.objectContaining({ method: 'POST', path: '/nacimiento/verificaciones' }),
    ])
    const service = await db.service.findUniqueOrThrow({ where: { id: r.serviceId! } })
    expect(service).toMatchObject({
      status: 'PUBLISHED',
      version: '1.0.0',
      devEndpoint: 'https://dev.pisee.example.gob.cl/rc/nacimiento',
      devStatus: 'AVAILABLE',
    })
    expect(service.lastReviewedAt).not.toBeNull()

    const delivered = await db.notification.findMany({
      where: { publicationRequestId: id, kind: 'publication.published' },
      select: { recipientId: true },
    })
    expect(delivered.map((n) => n.recipientId).sort()).toEqual(who(providerTech, cast.providerTech2))
    const timeline = await db.auditEvent.findMany({
      where: { targetType: 'PublicationRequest', targetId: id },
      orderBy: { at: 'asc' },
      select: { action: true, actorId: true },
    })
    expect(timeline.map((e) => [e.action, e.actorId])).toEqual([
      ['publication.request', providerTech.personId],
      ['publication.assign', head.personId],
      ['publication.writeNote', reviewer.personId],
      ['publication.approveAsLead', lead.personId],
      ['publication.approveAsHead', head.personId],
    ])
  })

  it('refuses an invalid specification with the parser’s reason, storing nothing', async () => {
    const before = await Promise.all([db.service.count(), db.serviceVersion.count(), db.publicationRequest.count()])
    const error = await requestPublication(
      cast.providerTech,
      newService(),
      upload('openapi: 3.0.3\ninfo: { title: x }\n'),
    ).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(DomainError)
    expect((error as DomainError).code).toBe('specInvalid')
    expect((error as DomainError).values.reason).toMatch(/OpenAPI/)
    expect(await Promise.all([db.service.count(), db.serviceVersion.count(), db.publicationRequest.count()])).toEqual(
      before,
    )
  })

  it('refuses another institution’s administrator, a business administrator, and the same person twice', async () => {
    const { providerTech, otherTech, providerBusiness, reviewer, lead, head } = cast
    await refused(requestPublication(otherTech, newService(), upload(openapi)), 'forbidden')
    await refused(requestPublication(providerBusiness, newService(), upload(openapi)), 'forbidden')

    const { id } = await requestPublication(providerTech, newService(), upload(openapi))
    await refused(assignReviewer(reviewer, id, reviewer.personId), 'publicationWrongRole')
    await refused(assignReviewer(head, id, head.personId), 'reviewerNotFound')
    await refused(assignReviewer(otherTech, id, reviewer.personId), 'forbidden')
    await assignReviewer(head, id, reviewer.personId)
    const note = { devEndpoint: null, activities: 'Habilitado', recommendations: null }
    await refused(writeNote(lead, id, note), 'publicationNotAssignedReviewer')
    await writeNote(reviewer, id, note)
    await refused(writeNote(reviewer, id, note), 'publicationWrongState')
    await refused(approveNoteAsLead(reviewer, id), 'publicationSameApprover')
    // A person holding both roles who approved as lead may not approve again as head.
    const both = await viewer((await createCentralPerson(db, 'DGD_REVIEWER')).id)
    await grantCentralRole(db, both.personId, 'DGD_HEAD')
    const bothNow = await viewer(both.personId)
    await approveNoteAsLead(bothNow, id)
    await refused(approveNoteAsHead(bothNow, id), 'publicationSameApprover')
    await refused(approveNoteAsHead(lead, id), 'publicationWrongRole')
    await approveNoteAsHead(head, id)
    await refused(approveNoteAsHead(head, id), 'publicationWrongState')
  })

  it('returns a request with reasons; the requester amends it and the review starts over', async () => {
    const { providerTech, otherTech, reviewer, head } = cast
    const { id } = await requestPublication(providerTech, newService(), upload(openapi))
    await assignReviewer(head, id, reviewer.personId)
    await returnRequest(reviewer, id, 'Falta describir la respuesta 404.')

    const returned = await db.notification.findMany({
      where: { publicationRequestId: id, resolvedAt: null, kind: { startsWith: 'publication.waiting.' } },
      select: { recipientId: true, body: true },
    })
    expect(returned.map((n) => n.recipientId).sort()).toEqual(who(providerTech, cast.providerTech2))
    expect(returned[0]!.body).toContain('Falta describir la respuesta 404.')

    await refused(resubmitRequest(otherTech, id, { changes: 'x', requestNote: 'y' }, null), 'forbidden')
    await refused(
      resubmitRequest(providerTech, id, { changes: 'x', requestNote: 'y' }, upload('no es openapi')),
      'specInvalid',
    )
    const amended = String(openapi).replace('version: 1.0.0', 'version: 1.0.1')
    await resubmitRequest(providerTech, id, { changes: 'Describe el 404', requestNote: 'Corregido' }, upload(amended))
    const r = await db.publicationRequest.findUniqueOrThrow({
      where: { id },
      select: {
        status: true,
        reviewerId: true,
        requestNote: true,
        serviceVersion: { select: { changes: true, spec: true } },
      },
    })
    expect(r).toMatchObject({ status: 'REQUESTED', reviewerId: null, requestNote: 'Corregido' })
    expect(r.serviceVersion!.changes).toBe('Describe el 404')
    expect(Buffer.from(r.serviceVersion!.spec!).toString()).toContain('version: 1.0.1')
    expect(await pendingNotices(id)).toContain(head.personId)
  })

  it('publishes a new version over the previous one, which becomes DEPRECATED history; one request at a time', async () => {
    const { providerTech, reviewer, lead, head } = cast
    const first = await requestPublication(providerTech, newService(), upload(openapi))
    const go = async (id: string) => {
      await assignReviewer(head, id, reviewer.personId)
      await writeNote(reviewer, id, { devEndpoint: null, activities: 'Revisado', recommendations: null })
      await approveNoteAsLead(lead, id)
      await approveNoteAsHead(head, id)
    }
    await go(first.id)
    const { serviceId } = await db.publicationRequest.findUniqueOrThrow({ where: { id: first.id } })
    const input = publicationRequestSchema.parse({
      kind: 'SERVICE_VERSION',
      serviceId,
      version: '1.1.0',
      changes: 'Agrega la comuna',
      requestNote: 'Nueva versión',
    })
    const second = await requestPublication(providerTech, input, upload(openapi))
    await refused(
      requestPublication(providerTech, { ...input, version: '1.2.0' }, upload(openapi)),
      'publicationAlreadyOpen',
    )
    // While the new version is reviewed the service stays published at its version.
    expect(await db.service.findUniqueOrThrow({ where: { id: serviceId! } })).toMatchObject({
      status: 'PUBLISHED',
      version: '1.0.0',
    })
    await go(second.id)
    const versions = await db.serviceVersion.findMany({
      where: { serviceId: serviceId! },
      orderBy: { version: 'asc' },
      select: { version: true, status: true },
    })
    expect(versions).toEqual([
      { version: '1.0.0', status: 'DEPRECATED' },
      { version: '1.1.0', status: 'PUBLISHED' },
    ])
    expect((await db.service.findUniqueOrThrow({ where: { id: serviceId! } })).version).toBe('1.1.0')
  })

  it('lets the requester withdraw: a service never published is retired', async () => {
    const { id } = await requestPublication(cast.providerTech, newService(), upload(openapi))
    await refused(withdrawRequest(cast.otherTech, id), 'forbidden')
    await withdrawRequest(cast.providerTech, id)
    const r = await db.publicationRequest.findUniqueOrThrow({
      where: { id },
      select: { status: true, service: { select: { status: true } }, serviceVersion: { select: { status: true } } },
    })
    expect(r).toEqual({ status: 'WITHDRAWN', service: { status: 'RETIRED' }, serviceVersion: { status: 'RETIRED' } })
    expect(await pendingNotices(id)).toEqual([])
  })

  it('proposes a schema, refusing invalid content with the validator’s reason', async () => {
    const input = publicationRequestSchema.parse({
      kind: 'NEW_SCHEMA',
      institutionId: cast.provider.id,
      code: `persona-${Date.now()}`,
      name: 'Persona natural',
      description: 'Datos básicos de una persona',
      schemaKind: 'BASAL',
      format: 'JSON_SCHEMA',
      version: '1.0',
      changes: 'Primera versión',
      requestNote: 'Proponemos el esquema basal de persona.',
    })
    await refused(requestPublication(cast.providerTech, input, upload('{"type": "nope"}')), 'schemaInvalid')
    const schema = JSON.stringify({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      properties: { run: { type: 'string' } },
    })
    const { id } = await requestPublication(cast.providerTech, input, upload(schema))
    const r = await db.publicationRequest.findUniqueOrThrow({
      where: { id },
      select: { kind: true, schema: { select: { status: true } }, schemaVersion: { select: { status: true } } },
    })
    expect(r).toEqual({ kind: 'NEW_SCHEMA', schema: { status: 'IN_REVIEW' }, schemaVersion: { status: 'IN_REVIEW' } })
  })
})
