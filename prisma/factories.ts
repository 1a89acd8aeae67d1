/**
 * The one factory module shared by the seed, the integration tests and the e2e tests: every record
 * they create is made the same way the portal makes it.
 */
import { createHash, randomInt } from 'node:crypto'
import { checkDigit } from '@/lib/chile/rut'
import type { Db } from '@/lib/db/client'
import type { CentralRole, MembershipRole, NodeEnvironment } from '@/lib/generated/prisma/enums'
import { defaultExpiry, generateCredential } from '@/lib/nodes/credentials'
import { institutionRecord, type InstitutionFields } from '@/lib/institutions/records'
import { searchTextOf } from '@/lib/text/search'

/** A valid, random RUT/RUN in [min, max): institutions live in 60–79 million, people below 30 million. */
export function randomRut(min = 10_000_000, max = 29_999_999): string {
  const body = String(randomInt(min, max))
  return `${body}-${checkDigit(body)}`
}

export type InstitutionOverrides = Partial<InstitutionFields>

export async function createInstitution(db: Db, overrides: InstitutionOverrides = {}) {
  const name = overrides.name ?? `Servicio de Prueba ${randomInt(1_000_000)}`
  return db.institution.create({
    data: institutionRecord({
      name,
      shortName: overrides.shortName ?? name.slice(0, 20),
      rut: overrides.rut ?? randomRut(60_000_000, 79_999_999),
      kind: overrides.kind ?? 'SERVICIO_PUBLICO',
      group: overrides.group ?? 'A',
      region: overrides.region ?? null,
      pisee1: overrides.pisee1 ?? false,
    }),
  })
}

export async function createPerson(
  db: Db,
  overrides: Partial<{ name: string; run: string; email: string | null }> = {},
) {
  const run = overrides.run ?? randomRut()
  return db.person.create({
    data: {
      name: overrides.name ?? `Persona ${run}`,
      run,
      email: overrides.email === undefined ? `p${run.replace('-', '')}@example.gob.cl` : overrides.email,
    },
  })
}

export async function addMembership(db: Db, personId: string, institutionId: string, role: MembershipRole) {
  return db.membership.create({ data: { personId, institutionId, role } })
}

export async function grantCentralRole(db: Db, personId: string, role: CentralRole) {
  return db.centralRoleAssignment.create({ data: { personId, role } })
}

/** A person with one role in one institution, the common case in tests. */
export async function createMember(db: Db, institutionId: string, role: MembershipRole, name?: string) {
  const person = await createPerson(db, name ? { name } : {})
  await addMembership(db, person.id, institutionId, role)
  return person
}

export async function createCentralPerson(db: Db, role: CentralRole, name?: string) {
  const person = await createPerson(db, name ? { name } : {})
  await grantCentralRole(db, person.id, role)
  return person
}

export async function createService(
  db: Db,
  providerId: string,
  overrides: Partial<{ code: string; name: string; requiresAgreement: boolean }> = {},
) {
  const code = overrides.code ?? `SVC-${randomInt(1_000_000_000)}`
  const name = overrides.name ?? `Servicio ${code}`
  return db.service.create({
    data: {
      code,
      name,
      searchText: searchTextOf(name, code),
      description: 'Servicio de prueba',
      providerId,
      version: '1.0',
      protocol: 'REST',
      requiresAgreement: overrides.requiresAgreement ?? true,
      devEndpoint: `https://dev.example.gob.cl/${code}`,
      prodEndpoint: `https://api.example.gob.cl/${code}`,
    },
  })
}

export async function createNotification(
  db: Db,
  recipientId: string,
  overrides: Partial<{
    kind: string
    title: string
    body: string
    link: string
    caseId: string | null
    createdAt: Date
    readAt: Date | null
    emailedAt: Date | null
  }> = {},
) {
  return db.notification.create({
    data: {
      recipientId,
      kind: overrides.kind ?? 'test',
      title: overrides.title ?? 'Un caso espera tu acción',
      body: overrides.body ?? 'Revisa el caso en el Portal PISEE.',
      link: overrides.link ?? '/',
      caseId: overrides.caseId ?? null,
      createdAt: overrides.createdAt,
      readAt: overrides.readAt ?? null,
      emailedAt: overrides.emailedAt ?? null,
    },
  })
}

// ── Readiness: convenios, their documents, training workshops and attendance ─────────────────────

/**
 * A small, valid one-page PDF showing `lines` (Latin-1 text), for seeded documents and tests: the
 * portal checks uploads by their first bytes, so any real PDF would do.
 */
export function tinyPdf(lines: readonly string[] = ['Documento de prueba']): Uint8Array {
  const escape = (s: string) => s.replace(/[\\()]/g, (c) => `\\${c}`)
  const text = lines.map((line, i) => `BT /F1 11 Tf 56 ${780 - i * 16} Td (${escape(line)}) Tj ET`).join('\n')
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    `<< /Length ${Buffer.byteLength(text, 'latin1')} >>\nstream\n${text}\nendstream`,
  ]
  let body = '%PDF-1.4\n'
  const offsets = objects.map((object, i) => {
    const offset = Buffer.byteLength(body, 'latin1')
    body += `${i + 1} 0 obj\n${object}\nendobj\n`
    return offset
  })
  const xref = Buffer.byteLength(body, 'latin1')
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  return new Uint8Array(Buffer.from(body, 'latin1'))
}

const isoDay = (iso: string) => new Date(`${iso}T00:00:00Z`)

export async function createCooperationAgreement(
  db: Db,
  institutionId: string,
  overrides: Partial<{
    signedOn: string
    segpresDecreeNumber: string
    segpresDecreeDate: string
    institutionDecreeNumber: string
    institutionDecreeDate: string
    terminationNoticeOn: string | null
    terminatesOn: string | null
  }> = {},
) {
  return db.cooperationAgreement.create({
    data: {
      institutionId,
      signedOn: isoDay(overrides.signedOn ?? '2024-03-01'),
      segpresDecreeNumber: overrides.segpresDecreeNumber ?? `Decreto Exento N° ${randomInt(1, 999)}`,
      segpresDecreeDate: isoDay(overrides.segpresDecreeDate ?? '2024-04-01'),
      institutionDecreeNumber: overrides.institutionDecreeNumber ?? `Decreto Exento N° ${randomInt(1000, 9999)}`,
      institutionDecreeDate: isoDay(overrides.institutionDecreeDate ?? '2024-05-02'),
      terminationNoticeOn: overrides.terminationNoticeOn ? isoDay(overrides.terminationNoticeOn) : null,
      terminatesOn: overrides.terminatesOn ? isoDay(overrides.terminatesOn) : null,
    },
  })
}

/** A PDF kept with a convenio, stored the way an upload stores it (with its SHA-256). */
export async function createCooperationDocument(
  db: Db,
  cooperationAgreementId: string,
  file: { fileName?: string; content?: Uint8Array; uploadedById?: string | null } = {},
) {
  const content = file.content ?? tinyPdf()
  return db.document.create({
    data: {
      cooperationAgreementId,
      fileName: file.fileName ?? 'convenio.pdf',
      contentType: 'application/pdf',
      size: content.byteLength,
      sha256: createHash('sha256').update(content).digest('hex'),
      content: Buffer.from(content),
      uploadedById: file.uploadedById ?? null,
    },
  })
}

export async function createTrainingWorkshop(
  db: Db,
  overrides: Partial<{ kind: 'CONSUMPTION' | 'PROVISION'; title: string; heldOn: string }> = {},
) {
  const kind = overrides.kind ?? 'CONSUMPTION'
  return db.trainingWorkshop.create({
    data: {
      kind,
      title: overrides.title ?? `Taller de ${kind === 'CONSUMPTION' ? 'consumo' : 'provisión'} ${randomInt(1_000_000)}`,
      heldOn: isoDay(overrides.heldOn ?? '2026-10-01'),
    },
  })
}

export async function createTrainingAttendance(db: Db, workshopId: string, personId: string, institutionId: string) {
  return db.trainingAttendance.create({ data: { workshopId, personId, institutionId } })
}

/** A node of an institution (as lib/nodes/provision.ts makes one), named "nodo-<entorno>-<random>" unless told. */
export async function createNode(
  db: Db,
  institutionId: string,
  environment: NodeEnvironment,
  overrides: { name?: string; version?: string | null; lastHeartbeatAt?: Date | null; createdById?: string } = {},
) {
  const prefix = environment === 'DEVELOPMENT' ? 'nodo-desarrollo' : 'nodo-produccion'
  return db.node.create({
    data: {
      institutionId,
      environment,
      name: overrides.name ?? `${prefix}-${randomInt(1_000_000)}`,
      version: overrides.version ?? null,
      lastHeartbeatAt: overrides.lastHeartbeatAt ?? null,
      createdById: overrides.createdById ?? null,
    },
  })
}

/**
 * A credential of a node, as lib/nodes/credential-admin.ts issues one; returns the row and the token
 * (which the portal itself never keeps).
 */
export async function createNodeCredential(
  db: Db,
  node: { id: string; environment: NodeEnvironment },
  issuedById: string,
  overrides: { issuedAt?: Date; expiresAt?: Date; retiresAt?: Date | null; revokedAt?: Date | null } = {},
) {
  const { token, keyId, secretHash } = generateCredential(node.environment)
  const issuedAt = overrides.issuedAt ?? new Date()
  const credential = await db.nodeCredential.create({
    data: {
      nodeId: node.id,
      keyId,
      secretHash,
      issuedById,
      issuedAt,
      expiresAt: overrides.expiresAt ?? defaultExpiry(issuedAt),
      retiresAt: overrides.retiresAt ?? null,
      revokedAt: overrides.revokedAt ?? null,
    },
  })
  return { credential, token }
}
