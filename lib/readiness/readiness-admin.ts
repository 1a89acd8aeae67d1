/** What DGD records about an institution's readiness: its convenio, workshops and who attended. */
import { authorize, type Principal } from '@/lib/auth/roles'
import { recordAudit } from '@/lib/audit/record'
import { db } from '@/lib/db/client'
import { parseIsoDate } from '@/lib/dates'
import { DomainError } from '@/lib/errors'
import type { CooperationInput, WorkshopInput } from './schemas'

/** Records (or corrects) the institution's convenio de cooperación with SEGPRES. */
export async function recordCooperation(actor: Principal, institutionId: string, input: CooperationInput) {
  authorize(actor, 'readiness.manage')
  const data = {
    signedOn: parseIsoDate(input.signedOn)!,
    segpresDecreeNumber: input.segpresDecreeNumber,
    segpresDecreeDate: parseIsoDate(input.segpresDecreeDate)!,
    institutionDecreeNumber: input.institutionDecreeNumber,
    institutionDecreeDate: parseIsoDate(input.institutionDecreeDate)!,
  }
  return db.$transaction(async (tx) => {
    const before = await tx.cooperationAgreement.findUnique({ where: { institutionId } })
    if (!(await tx.institution.count({ where: { id: institutionId } }))) throw new DomainError('notFound')
    const saved = await tx.cooperationAgreement.upsert({ where: { institutionId }, create: { institutionId, ...data }, update: data })
    await recordAudit(tx, {
      actorId: actor.personId,
      action: 'cooperation.record',
      targetType: 'CooperationAgreement',
      targetId: saved.id,
      institutionId,
      before: before ? JSON.parse(JSON.stringify(before)) : null,
      after: JSON.parse(JSON.stringify(saved)),
    })
    return saved
  })
}

export async function createWorkshop(actor: Principal, input: WorkshopInput) {
  authorize(actor, 'readiness.manage')
  return db.$transaction(async (tx) => {
    const workshop = await tx.trainingWorkshop.create({ data: { kind: input.kind, title: input.title, heldOn: parseIsoDate(input.heldOn)! } })
    await recordAudit(tx, { actorId: actor.personId, action: 'training.create', targetType: 'TrainingWorkshop', targetId: workshop.id, after: input })
    return workshop
  })
}

/** Records that a member of the institution attended a workshop; once per person and workshop. */
export async function recordAttendance(actor: Principal, institutionId: string, workshopId: string, personId: string) {
  authorize(actor, 'readiness.manage')
  return db.$transaction(async (tx) => {
    const isMember = await tx.membership.count({ where: { institutionId, personId, endedAt: null } })
    const workshop = await tx.trainingWorkshop.count({ where: { id: workshopId } })
    if (!isMember || !workshop) throw new DomainError('notFound')
    const existing = await tx.trainingAttendance.findUnique({ where: { workshopId_personId: { workshopId, personId } } })
    if (existing) throw new DomainError('alreadyAttended')
    const attendance = await tx.trainingAttendance.create({ data: { workshopId, personId, institutionId } })
    await recordAudit(tx, {
      actorId: actor.personId,
      action: 'training.attendance.add',
      targetType: 'TrainingAttendance',
      targetId: attendance.id,
      institutionId,
      after: { workshopId, personId },
    })
    return attendance
  })
}
