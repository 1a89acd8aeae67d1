/**
 * Who belongs to an institution and in which role. Every function authorizes first, then makes its
 * change and its audit event in one transaction.
 */
import { authorize, can, institutionsWhere, type Principal } from '@/lib/auth/roles'
import { recordAudit } from '@/lib/audit/record'
import { db, type Tx } from '@/lib/db/client'
import { DomainError } from '@/lib/errors'
import type { AddMemberInput } from './schemas'

export async function addMember(actor: Principal, institutionId: string, input: AddMemberInput) {
  authorize(actor, 'members.manage', institutionId)
  return db.$transaction(async (tx) => {
    const institution = await tx.institution.findUnique({ where: { id: institutionId }, select: { id: true } })
    if (!institution) throw new DomainError('notFound')

    // A RUN anyone can type must never change, or reveal, someone else's record: an existing person
    // keeps their name and e-mail (docs/decisions/010-designation-by-run.md).
    const found = await tx.person.findUnique({ where: { run: input.run }, select: { id: true, email: true } })
    const person = found ?? (await createDesignatedPerson(tx, input))
    // Serializes concurrent designations of the same person, so the duplicate check below holds.
    await tx.$queryRaw`SELECT id FROM "Person" WHERE id = ${person.id} FOR UPDATE`
    const seesPerson = !found || (await maySeePerson(tx, actor, found.id))
    // A missing e-mail is the person's own to give (at sign-in) or central staff's, never an institution's.
    if (found && !found.email && input.email && can(actor, 'people.setEmail')) {
      const taken = await tx.person.findUnique({ where: { email: input.email }, select: { id: true } })
      if (!taken) await tx.person.update({ where: { id: found.id }, data: { email: input.email } })
    }

    const existing = await tx.membership.findFirst({
      where: { personId: person.id, institutionId, role: input.role, endedAt: null },
      select: { id: true },
    })
    if (existing) throw new DomainError('alreadyMember')

    const membership = await tx.membership.create({
      data: { personId: person.id, institutionId, role: input.role, designatedName: seesPerson ? null : input.name },
      select: { id: true, personId: true, institutionId: true, role: true, startedAt: true, designatedName: true },
    })
    await recordAudit(tx, {
      actorId: actor.personId,
      action: 'membership.create',
      targetType: 'Membership',
      targetId: membership.id,
      institutionId,
      after: { ...membership, startedAt: membership.startedAt.toISOString(), run: input.run },
    })
    return membership
  })
}

/** A person the designation names for the first time: their record is what the designator typed. */
async function createDesignatedPerson(tx: Tx, input: AddMemberInput) {
  // An e-mail already held by someone else is not this person's: drop it rather than tell who holds it.
  const taken = input.email ? await tx.person.findUnique({ where: { email: input.email }, select: { id: true } }) : null
  return tx.person.upsert({
    where: { run: input.run },
    create: { run: input.run, name: input.name, email: taken ? null : input.email },
    update: {},
    select: { id: true, email: true },
  })
}

/**
 * Whether the actor could already see this person's name and e-mail: central staff with `members.read`
 * everywhere, or the person holds (or held) a designation that shows their own record in an
 * institution whose members the actor may read.
 */
async function maySeePerson(tx: Tx, actor: Principal, personId: string): Promise<boolean> {
  const readable = institutionsWhere(actor, 'members.read')
  if (readable === 'all') return true
  if (actor.personId === personId) return true
  const shown = await tx.membership.count({
    where: { personId, designatedName: null, institutionId: { in: readable } },
  })
  return shown > 0
}

export async function endMembership(actor: Principal, membershipId: string) {
  const membership = await db.membership.findUnique({
    where: { id: membershipId },
    select: { id: true, institutionId: true, personId: true, role: true, startedAt: true, endedAt: true },
  })
  if (!membership) throw new DomainError('notFound')
  authorize(actor, 'members.manage', membership.institutionId)

  return db.$transaction(async (tx) => {
    // One designation change per institution at a time, so the "last CTD" count below cannot be
    // raced by two CTDs ending each other's designation at once.
    await tx.$queryRaw`SELECT id FROM "Institution" WHERE id = ${membership.institutionId} FOR UPDATE`
    if (membership.role === 'CTD' && !can(actor, 'members.endLastCtd', membership.institutionId)) {
      const otherCtds = await tx.membership.count({
        where: { institutionId: membership.institutionId, role: 'CTD', endedAt: null, id: { not: membership.id } },
      })
      if (otherCtds === 0) throw new DomainError('lastCtd')
    }
    const endedAt = new Date()
    const { count } = await tx.membership.updateMany({ where: { id: membershipId, endedAt: null }, data: { endedAt } })
    if (count !== 1) throw new DomainError('membershipAlreadyEnded')
    await recordAudit(tx, {
      actorId: actor.personId,
      action: 'membership.end',
      targetType: 'Membership',
      targetId: membershipId,
      institutionId: membership.institutionId,
      before: { role: membership.role, personId: membership.personId, endedAt: null },
      after: { role: membership.role, personId: membership.personId, endedAt: endedAt.toISOString() },
    })
  })
}
