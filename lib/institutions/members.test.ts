import { describe, expect, it } from 'vitest'
import { ForbiddenError } from '@/lib/auth/roles'
import { loadViewer } from '@/lib/auth/load-viewer'
import { db } from '@/lib/db/client'
import { DomainError } from '@/lib/errors'
import { createCentralPerson, createInstitution, createMember, randomRut } from '@/prisma/factories'
import { addMember, endMembership } from './members'

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
    const roles = await db.membership.findMany({ where: { personId: existing.id, endedAt: null }, select: { role: true } })
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
      expect(await db.membership.count({ where: { institutionId: institution.id, role: 'CTD', endedAt: null } })).toBe(1)
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
