/**
 * The mandatory training workshops DGD runs (consumption, provision) and who attended, for which
 * institution. Each function authorizes first, then writes its change and its audit event in one
 * transaction.
 */
import { authorize, type Principal } from '@/lib/auth/roles'
import { recordAudit } from '@/lib/audit/record'
import { db } from '@/lib/db/client'
import { DomainError } from '@/lib/errors'
import { Prisma } from '@/lib/generated/prisma/client'
import type { AttendanceInput, WorkshopInput } from './schemas'

/**
 * The attendee named by a RUN cannot be recorded as given; the form ties the reason to its field.
 * - notMember: no enabled person with that RUN holds a current designation anywhere;
 * - notMemberOfInstitution: they do, but not in the institution chosen;
 * - chooseInstitution: they are a member of several institutions and none was chosen.
 */
export class AttendeeRefused extends Error {
  constructor(readonly reason: 'notMember' | 'notMemberOfInstitution' | 'chooseInstitution') {
    super(reason)
    this.name = 'AttendeeRefused'
  }
}

export async function createWorkshop(actor: Principal, input: WorkshopInput) {
  authorize(actor, 'readiness.manage')
  return db.$transaction(async (tx) => {
    const workshop = await tx.trainingWorkshop.create({
      data: { kind: input.kind, title: input.title, heldOn: input.heldOn },
      select: { id: true, kind: true, title: true, heldOn: true },
    })
    await recordAudit(tx, {
      actorId: actor.personId,
      action: 'training.create',
      targetType: 'TrainingWorkshop',
      targetId: workshop.id,
      after: { kind: workshop.kind, title: workshop.title, heldOn: workshop.heldOn.toISOString().slice(0, 10) },
    })
    return workshop
  })
}

/** Records that the person with this RUN attended the workshop for one of their institutions; once per workshop. */
export async function addAttendance(actor: Principal, workshopId: string, input: AttendanceInput) {
  authorize(actor, 'readiness.manage')
  try {
    return await db.$transaction(async (tx) => {
      const workshop = await tx.trainingWorkshop.findUnique({ where: { id: workshopId }, select: { id: true } })
      if (!workshop) throw new DomainError('notFound')
      const person = await tx.person.findUnique({
        where: { run: input.run },
        select: {
          id: true,
          disabledAt: true,
          memberships: { where: { endedAt: null }, select: { institutionId: true } },
        },
      })
      const institutions = [
        ...new Set(person && !person.disabledAt ? person.memberships.map((m) => m.institutionId) : []),
      ]
      if (!person || institutions.length === 0) throw new AttendeeRefused('notMember')
      let institutionId: string
      if (input.institutionId) {
        if (!institutions.includes(input.institutionId)) throw new AttendeeRefused('notMemberOfInstitution')
        institutionId = input.institutionId
      } else if (institutions.length === 1) {
        institutionId = institutions[0]!
      } else {
        throw new AttendeeRefused('chooseInstitution')
      }

      const existing = await tx.trainingAttendance.findUnique({
        where: { workshopId_personId: { workshopId, personId: person.id } },
        select: { id: true },
      })
      if (existing) throw new DomainError('alreadyAttended')
      const attendance = await tx.trainingAttendance.create({
        data: { workshopId, personId: person.id, institutionId },
        select: { id: true, workshopId: true, personId: true, institutionId: true },
      })
      await recordAudit(tx, {
        actorId: actor.personId,
        action: 'training.attendance.add',
        targetType: 'TrainingAttendance',
        targetId: attendance.id,
        institutionId,
        after: { workshopId, personId: person.id, run: input.run, institutionId },
      })
      return attendance
    })
  } catch (error) {
    // Two recordings of the same person racing: the unique index keeps one, the other is told why.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')
      throw new DomainError('alreadyAttended')
    throw error
  }
}

/** Removes an attendance recorded by mistake. */
export async function removeAttendance(actor: Principal, attendanceId: string) {
  authorize(actor, 'readiness.manage')
  return db.$transaction(async (tx) => {
    const attendance = await tx.trainingAttendance.findUnique({
      where: { id: attendanceId },
      select: { id: true, workshopId: true, personId: true, institutionId: true },
    })
    if (!attendance) throw new DomainError('notFound')
    const { count } = await tx.trainingAttendance.deleteMany({ where: { id: attendanceId } })
    if (count !== 1) throw new DomainError('notFound')
    await recordAudit(tx, {
      actorId: actor.personId,
      action: 'training.attendance.remove',
      targetType: 'TrainingAttendance',
      targetId: attendanceId,
      institutionId: attendance.institutionId,
      before: {
        workshopId: attendance.workshopId,
        personId: attendance.personId,
        institutionId: attendance.institutionId,
      },
    })
    return attendance
  })
}
