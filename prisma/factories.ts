/**
 * The one factory module shared by the seed, the integration tests and the e2e tests: every record
 * they create is made the same way the portal makes it.
 */
import { randomInt } from 'node:crypto'
import { checkDigit } from '@/lib/chile/rut'
import type { Db } from '@/lib/db/client'
import type { CentralRole, MembershipRole } from '@/lib/generated/prisma/enums'
import { institutionRecord, type InstitutionFields } from '@/lib/institutions/records'

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

export async function createPerson(db: Db, overrides: Partial<{ name: string; run: string; email: string | null }> = {}) {
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
  return db.service.create({
    data: {
      code,
      name: overrides.name ?? `Servicio ${code}`,
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
  overrides: Partial<{ kind: string; title: string; body: string; link: string; caseId: string | null; createdAt: Date; readAt: Date | null; emailedAt: Date | null }> = {},
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
