import { describe, expect, it } from 'vitest'
import { ForbiddenError } from '@/lib/auth/roles'
import { loadViewer } from '@/lib/auth/load-viewer'
import { db } from '@/lib/db/client'
import { DomainError } from '@/lib/errors'
import { personAdapter } from '@/lib/auth/adapter'
import { getReadiness } from '@/lib/readiness/queries'
import {
  addMembership,
  createCentralPerson,
  createInstitution,
  createMember,
  createPerson,
  randomRut,
} from '@/prisma/factories'
import { addMember, endMembership } from './members'
import { getInstitution } from './queries'

async function viewerOf(personId: string) {
  const viewer = await loadViewer(personId)
  if (!viewer) throw new Error('viewer not found')
  return viewer
}

async function auditCount(targetId: string) {
  return db.auditEvent.count({ where: { targetId } })
}

describe('addMember', () => {
  it('lets a CTD designate a new person in their institution, with an audit event', async () => {
    const institution = await createInstitution(db)
    const ctd = await viewerOf((await createMember(db, institution.id, 'CTD')).id)
    const run = randomRut()

    const membership = await addMember(ctd, institution.id, {
      run,
      name: 'Ana Rojas',
      email: `ana.${run}@example.gob.cl`,
      role: 'TECHNICAL_ADMIN',
    })

    const person = await db.person.findUniqueOrThrow({ where: { run } })
    expect(person.name).toBe('Ana Rojas')
    expect(membership).toMatchObject({ institutionId: institution.id, personId: person.id, role: 'TECHNICAL_ADMIN' })
    const event = await db.auditEvent.findFirstOrThrow({ where: { targetId: membership.id } })
    expect(event).toMatchObject({ action: 'membership.create', actorId: ctd.personId, institutionId: institution.id })
    expect(event.after).toMatchObject({ role: 'TECHNICAL_ADMIN', run })
  })

  it('refuses a CTD of another institution and changes nothing', async () => {
    const mine = await createInstitution(db)
    const theirs = await createInstitution(db)
    const ctd = await viewerOf((await createMember(db, mine.id, 'CTD')).id)
    const run = randomRut()

    await expect(addMember(ctd, theirs.id, { run, name: 'Intruso', email: null, role: 'CTD' })).rejects.toThrow(
      ForbiddenError,
    )
    expect(await db.person.count({ where: { run } })).toBe(0)
    expect(await db.membership.count({ where: { institutionId: theirs.id } })).toBe(0)
  })

  it('refuses a technical administrator', async () => {
    const institution = await createInstitution(db)
    const tech = await viewerOf((await createMember(db, institution.id, 'TECHNICAL_ADMIN')).id)
    await expect(
      addMember(tech, institution.id, { run: randomRut(), name: 'Otra Persona', email: null, role: 'CTD' }),
    ).rejects.toThrow(ForbiddenError)
  })

  it('adds a role to a person already registered by RUN, and refuses the same role twice', async () => {
    const institution = await createInstitution(db)
    const ctd = await viewerOf((await createMember(db, institution.id, 'CTD')).id)
    const existing = await createMember(db, institution.id, 'TECHNICAL_ADMIN')

    await addMember(ctd, institution.id, { run: existing.run, name: 'Ignored', email: null, role: 'BUSINESS_ADMIN' })
    const roles = await db.membership.findMany({
      where: { personId: existing.id, endedAt: null },
      select: { role: true },
    })
    expect(roles.map((r) => r.role).sort()).toEqual(['BUSINESS_ADMIN', 'TECHNICAL_ADMIN'])
    expect((await db.person.findUniqueOrThrow({ where: { id: existing.id } })).name).toBe(existing.name)

    await expect(
      addMember(ctd, institution.id, { run: existing.run, name: existing.name, email: null, role: 'TECHNICAL_ADMIN' }),
    ).rejects.toThrow(new DomainError('alreadyMember'))
  })

  it('lets DGD staff designate in any institution', async () => {
    const institution = await createInstitution(db)
    const reviewer = await viewerOf((await createCentralPerson(db, 'DGD_REVIEWER')).id)
    await addMember(reviewer, institution.id, { run: randomRut(), name: 'Nueva CTD', email: null, role: 'CTD' })
    expect(await db.membership.count({ where: { institutionId: institution.id, role: 'CTD' } })).toBe(1)
  })

  it('refuses an auditor: read-only', async () => {
    const institution = await createInstitution(db)
    const auditor = await viewerOf((await createCentralPerson(db, 'AUDITOR')).id)
    await expect(
      addMember(auditor, institution.id, { run: randomRut(), name: 'Nadie Nadie', email: null, role: 'CTD' }),
    ).rejects.toThrow(ForbiddenError)
  })
})

describe('endMembership', () => {
  it('ends a designation once; a repeat is refused and writes no second event', async () => {
    const institution = await createInstitution(db)
    const ctd = await viewerOf((await createMember(db, institution.id, 'CTD')).id)
    const tech = await createMember(db, institution.id, 'TECHNICAL_ADMIN')
    const membership = await db.membership.findFirstOrThrow({ where: { personId: tech.id } })

    await endMembership(ctd, membership.id)
    await expect(endMembership(ctd, membership.id)).rejects.toThrow(new DomainError('membershipAlreadyEnded'))

    expect((await db.membership.findUniqueOrThrow({ where: { id: membership.id } })).endedAt).not.toBeNull()
    expect(await auditCount(membership.id)).toBe(1)
  })

  it('lets exactly one of many simultaneous requests end a designation', async () => {
    const institution = await createInstitution(db)
    const ctd = await viewerOf((await createMember(db, institution.id, 'CTD')).id)
    const tech = await createMember(db, institution.id, 'TECHNICAL_ADMIN')
    const membership = await db.membership.findFirstOrThrow({ where: { personId: tech.id } })

    const results = await Promise.allSettled(Array.from({ length: 8 }, () => endMembership(ctd, membership.id)))
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    expect(await auditCount(membership.id)).toBe(1)
  })

  it('keeps the last CTD of an institution', async () => {
    const institution = await createInstitution(db)
    const ctdPerson = await createMember(db, institution.id, 'CTD')
    const ctd = await viewerOf(ctdPerson.id)
    const own = await db.membership.findFirstOrThrow({ where: { personId: ctdPerson.id } })
    await expect(endMembership(ctd, own.id)).rejects.toThrow(new DomainError('lastCtd'))
  })

  it('keeps a CTD when two CTDs end each other at the same time', async () => {
    for (let attempt = 0; attempt < 5; attempt++) {
      const institution = await createInstitution(db)
      const first = await createMember(db, institution.id, 'CTD')
      const second = await createMember(db, institution.id, 'CTD')
      const [firstCtd, secondCtd] = await Promise.all([viewerOf(first.id), viewerOf(second.id)])
      const firstMembership = await db.membership.findFirstOrThrow({ where: { personId: first.id } })
      const secondMembership = await db.membership.findFirstOrThrow({ where: { personId: second.id } })

      const results = await Promise.allSettled([
        endMembership(firstCtd, secondMembership.id),
        endMembership(secondCtd, firstMembership.id),
      ])

      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
      expect(await db.membership.count({ where: { institutionId: institution.id, role: 'CTD', endedAt: null } })).toBe(
        1,
      )
    }
  })

  it("refuses a CTD ending another institution's designation", async () => {
    const mine = await createInstitution(db)
    const theirs = await createInstitution(db)
    const ctd = await viewerOf((await createMember(db, mine.id, 'CTD')).id)
    const other = await createMember(db, theirs.id, 'BUSINESS_ADMIN')
    const membership = await db.membership.findFirstOrThrow({ where: { personId: other.id } })

    await expect(endMembership(ctd, membership.id)).rejects.toThrow(ForbiddenError)
    expect((await db.membership.findUniqueOrThrow({ where: { id: membership.id } })).endedAt).toBeNull()
  })
})

describe('designating by RUN a person who already exists', () => {
  /** A citizen who signed in through ClaveÚnica, which gave no e-mail, and is an administrator elsewhere. */
  async function signedInWithoutEmail() {
    const elsewhere = await createInstitution(db)
    const run = randomRut()
    const user = await personAdapter(db).createUser!({
      id: 'x',
      run,
      name: 'María Verdadera',
      email: '',
      emailVerified: null,
    } as never)
    await addMembership(db, user.id, elsewhere.id, 'TECHNICAL_ADMIN')
    return { id: user.id, run, elsewhere }
  }

  it("never writes another institution's person's e-mail or name", async () => {
    const victim = await signedInWithoutEmail()
    const institution = await createInstitution(db)
    const ctd = await viewerOf((await createMember(db, institution.id, 'CTD')).id)

    await addMember(ctd, institution.id, {
      run: victim.run,
      name: 'Nombre Inventado',
      email: `atacante.${victim.run}@example.com`,
      role: 'BUSINESS_ADMIN',
    })

    const person = await db.person.findUniqueOrThrow({ where: { id: victim.id } })
    expect(person).toMatchObject({ name: 'María Verdadera', email: null })
  })

  it("shows the designating institution the name it typed, not the person's own name or e-mail", async () => {
    const elsewhere = await createInstitution(db)
    const victim = await createMember(db, elsewhere.id, 'CTD', 'Pedro Real')
    const institution = await createInstitution(db)
    const ctd = await viewerOf((await createMember(db, institution.id, 'CTD')).id)
    const tech = await viewerOf((await createMember(db, institution.id, 'TECHNICAL_ADMIN')).id)

    await addMember(ctd, institution.id, {
      run: victim.run,
      name: 'Nombre Inventado',
      email: null,
      role: 'TECHNICAL_ADMIN',
    })
    // A second role does not reveal it either.
    await addMember(ctd, institution.id, { run: victim.run, name: 'Otro Nombre', email: null, role: 'BUSINESS_ADMIN' })

    for (const viewer of [ctd, tech]) {
      const detail = await getInstitution(viewer, institution.id)
      const shown = detail!.members.filter((m) => m.personId === victim.id)
      expect(shown.map((m) => m.name).sort()).toEqual(['Nombre Inventado', 'Otro Nombre'])
      expect(shown.every((m) => m.email === null && m.nameAsDesignated)).toBe(true)
      expect(JSON.stringify(detail)).not.toContain('Pedro Real')
      expect(JSON.stringify(detail)).not.toContain(victim.email!)
    }
    const readiness = await getReadiness(ctd, institution.id)
    expect(readiness!.technicalAdmins).toContain('Nombre Inventado')
    expect(JSON.stringify(readiness)).not.toContain('Pedro Real')

    // Central staff and the person themselves see the person's own record.
    const reviewer = await viewerOf((await createCentralPerson(db, 'DGD_REVIEWER')).id)
    for (const viewer of [reviewer, await viewerOf(victim.id)]) {
      const shown = (await getInstitution(viewer, institution.id))!.members.filter((m) => m.personId === victim.id)
      expect(shown.map((m) => [m.name, m.email])).toEqual([
        ['Pedro Real', victim.email],
        ['Pedro Real', victim.email],
      ])
    }
  })

  it('shows the person as they are when the CTD could already see them', async () => {
    const institution = await createInstitution(db)
    const ctd = await viewerOf((await createMember(db, institution.id, 'CTD')).id)
    const colleague = await createMember(db, institution.id, 'TECHNICAL_ADMIN', 'Colega Conocida')

    await addMember(ctd, institution.id, {
      run: colleague.run,
      name: 'Otro Nombre',
      email: null,
      role: 'BUSINESS_ADMIN',
    })

    const shown = (await getInstitution(ctd, institution.id))!.members.filter((m) => m.personId === colleague.id)
    expect(shown.map((m) => [m.name, m.email])).toEqual([
      ['Colega Conocida', colleague.email],
      ['Colega Conocida', colleague.email],
    ])
  })

  it('lets central staff give a person without e-mail one, never replace it', async () => {
    const victim = await signedInWithoutEmail()
    const institution = await createInstitution(db)
    const reviewer = await viewerOf((await createCentralPerson(db, 'DGD_REVIEWER')).id)
    const email = `maria.${victim.run}@example.gob.cl`

    await addMember(reviewer, institution.id, { run: victim.run, name: 'María Verdadera', email, role: 'CTD' })
    expect((await db.person.findUniqueOrThrow({ where: { id: victim.id } })).email).toBe(email)

    const other = await createInstitution(db)
    await addMember(reviewer, other.id, {
      run: victim.run,
      name: 'X',
      email: `otro.${victim.run}@example.com`,
      role: 'CTD',
    })
    expect(await db.person.findUniqueOrThrow({ where: { id: victim.id } })).toMatchObject({
      name: 'María Verdadera',
      email,
    })
  })

  it('creates a new person with the e-mail typed, unless someone else holds it', async () => {
    const institution = await createInstitution(db)
    const ctd = await viewerOf((await createMember(db, institution.id, 'CTD')).id)
    const holder = await createPerson(db)
    const run = randomRut()

    await addMember(ctd, institution.id, { run, name: 'Nueva Persona', email: holder.email, role: 'BUSINESS_ADMIN' })

    expect(await db.person.findUniqueOrThrow({ where: { run } })).toMatchObject({ name: 'Nueva Persona', email: null })
    const shown = (await getInstitution(ctd, institution.id))!.members.find((m) => m.name === 'Nueva Persona')
    expect(shown).toMatchObject({ nameAsDesignated: false })
  })
})
