import { describe, expect, it } from 'vitest'
import { loadViewer } from '@/lib/auth/load-viewer'
import { ForbiddenError } from '@/lib/auth/roles'
import { db } from '@/lib/db/client'
import { DomainError } from '@/lib/errors'
import { loadReadinessFacts } from '@/lib/readiness/facts'
import {
  addMembership,
  createCentralPerson,
  createInstitution,
  createMember,
  createPerson,
  createTrainingWorkshop,
} from '@/prisma/factories'
import { getWorkshop, listWorkshops } from './queries'
import { attendanceSchema, workshopSchema } from './schemas'
import { workshopsTableParams } from './table-params'
import { addAttendance, AttendeeRefused, createWorkshop, removeAttendance } from './workshops'

const viewerOf = async (personId: string) => (await loadViewer(personId))!
const reviewer = async () => viewerOf((await createCentralPerson(db, 'DGD_REVIEWER')).id)
const byRun = (run: string, institutionId = '') => attendanceSchema.parse({ run, institutionId })
const workshopInput = workshopSchema.parse({ kind: 'PROVISION', title: 'Taller de provisión', heldOn: '2026-12-02' })

describe('createWorkshop', () => {
  it('lets DGD create a workshop, with its audit event', async () => {
    const dgd = await reviewer()
    const workshop = await createWorkshop(dgd, workshopInput)
    expect(workshop).toMatchObject({
      kind: 'PROVISION',
      title: 'Taller de provisión',
      heldOn: new Date('2026-12-02T00:00:00Z'),
    })
    expect(await db.auditEvent.findFirstOrThrow({ where: { targetId: workshop.id } })).toMatchObject({
      action: 'training.create',
      actorId: dgd.personId,
      after: { kind: 'PROVISION', heldOn: '2026-12-02' },
    })
  })

  it('is refused to a CTD and to auditors', async () => {
    const ctd = await viewerOf((await createMember(db, (await createInstitution(db)).id, 'CTD')).id)
    const auditor = await viewerOf((await createCentralPerson(db, 'AUDITOR')).id)
    await expect(createWorkshop(ctd, workshopInput)).rejects.toThrow(ForbiddenError)
    await expect(createWorkshop(auditor, workshopInput)).rejects.toThrow(ForbiddenError)
  })
})

describe('addAttendance', () => {
  it("records a member by RUN for their institution, once; the institution's readiness counts it", async () => {
    const institution = await createInstitution(db)
    const ctd = await createMember(db, institution.id, 'CTD')
    const workshop = await createTrainingWorkshop(db, { kind: 'PROVISION' })
    const dgd = await reviewer()

    const attendance = await addAttendance(dgd, workshop.id, byRun(ctd.run))
    expect(attendance).toMatchObject({ personId: ctd.id, institutionId: institution.id })
    expect(await db.auditEvent.findFirstOrThrow({ where: { targetId: attendance.id } })).toMatchObject({
      action: 'training.attendance.add',
      institutionId: institution.id,
    })
    await expect(addAttendance(dgd, workshop.id, byRun(ctd.run))).rejects.toThrow(new DomainError('alreadyAttended'))
    expect(await db.trainingAttendance.count({ where: { workshopId: workshop.id } })).toBe(1)
    expect((await loadReadinessFacts(db, institution.id))?.trainingKindsAttended).toEqual(['PROVISION'])
  })

  it('keeps one attendance when the same person is recorded twice at once', async () => {
    const institution = await createInstitution(db)
    const ctd = await createMember(db, institution.id, 'CTD')
    const workshop = await createTrainingWorkshop(db)
    const dgd = await reviewer()
    const results = await Promise.allSettled([
      addAttendance(dgd, workshop.id, byRun(ctd.run)),
      addAttendance(dgd, workshop.id, byRun(ctd.run)),
    ])
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: new DomainError('alreadyAttended') })
    expect(await db.trainingAttendance.count({ where: { workshopId: workshop.id } })).toBe(1)
  })

  it('refuses a RUN that is not a current member anywhere: unknown, designation ended, account disabled', async () => {
    const dgd = await reviewer()
    const workshop = await createTrainingWorkshop(db)
    const institution = await createInstitution(db)
    const ended = await createMember(db, institution.id, 'CTD')
    await db.membership.updateMany({ where: { personId: ended.id }, data: { endedAt: new Date() } })
    const disabled = await createMember(db, institution.id, 'TECHNICAL_ADMIN')
    await db.person.update({ where: { id: disabled.id }, data: { disabledAt: new Date() } })
    const citizen = await createPerson(db)

    for (const run of ['11111111-1', ended.run, disabled.run, citizen.run]) {
      const attempt = addAttendance(dgd, workshop.id, byRun(run))
      await expect(attempt).rejects.toBeInstanceOf(AttendeeRefused)
      await expect(attempt).rejects.toMatchObject({ reason: 'notMember' })
    }
    expect(await db.trainingAttendance.count({ where: { workshopId: workshop.id } })).toBe(0)
  })

  it('asks which institution when the person is a member of several, and checks the one chosen', async () => {
    const dgd = await reviewer()
    const workshop = await createTrainingWorkshop(db)
    const first = await createInstitution(db)
    const second = await createInstitution(db)
    const person = await createMember(db, first.id, 'BUSINESS_ADMIN')
    await addMembership(db, person.id, second.id, 'CTD')

    await expect(addAttendance(dgd, workshop.id, byRun(person.run))).rejects.toMatchObject({
      reason: 'chooseInstitution',
    })
    const elsewhere = await createInstitution(db)
    await expect(addAttendance(dgd, workshop.id, byRun(person.run, elsewhere.id))).rejects.toMatchObject({
      reason: 'notMemberOfInstitution',
    })
    expect(await addAttendance(dgd, workshop.id, byRun(person.run, second.id))).toMatchObject({
      institutionId: second.id,
    })
  })

  it('refuses an unknown workshop, and refuses anyone but DGD', async () => {
    const institution = await createInstitution(db)
    const ctdPerson = await createMember(db, institution.id, 'CTD')
    await expect(addAttendance(await reviewer(), 'no-such-workshop', byRun(ctdPerson.run))).rejects.toThrow(
      new DomainError('notFound'),
    )
    const workshop = await createTrainingWorkshop(db)
    await expect(addAttendance(await viewerOf(ctdPerson.id), workshop.id, byRun(ctdPerson.run))).rejects.toThrow(
      ForbiddenError,
    )
  })
})

describe('removeAttendance', () => {
  it('removes an attendance recorded by mistake, once, with its audit event', async () => {
    const institution = await createInstitution(db)
    const ctd = await createMember(db, institution.id, 'CTD')
    const workshop = await createTrainingWorkshop(db)
    const dgd = await reviewer()
    const attendance = await addAttendance(dgd, workshop.id, byRun(ctd.run))

    await expect(removeAttendance(await viewerOf(ctd.id), attendance.id)).rejects.toThrow(ForbiddenError)
    await removeAttendance(dgd, attendance.id)
    expect(await db.trainingAttendance.count({ where: { id: attendance.id } })).toBe(0)
    expect(
      await db.auditEvent.findFirstOrThrow({
        where: { targetId: attendance.id, action: 'training.attendance.remove' },
      }),
    ).toMatchObject({
      institutionId: institution.id,
      before: { workshopId: workshop.id, personId: ctd.id },
    })
    await expect(removeAttendance(dgd, attendance.id)).rejects.toThrow(new DomainError('notFound'))
  })
})

describe('workshop queries', () => {
  it('search titles without accents, filter by kind, and count attendees', async () => {
    const dgd = await reviewer()
    const tag = `Q${Date.now()}`
    const provision = await createTrainingWorkshop(db, { kind: 'PROVISION', title: `Taller de provisión ${tag}` })
    await createTrainingWorkshop(db, { kind: 'CONSUMPTION', title: `Taller de consumo ${tag}` })
    const institution = await createInstitution(db)
    const ctd = await createMember(db, institution.id, 'CTD')
    await addAttendance(dgd, provision.id, byRun(ctd.run))

    const found = await listWorkshops(dgd, workshopsTableParams.load(`?q=provision+${tag}`))
    expect(found).toMatchObject({ rowCount: 1, rows: [{ id: provision.id, attendeeCount: 1 }] })
    const consumption = await listWorkshops(dgd, workshopsTableParams.load(`?q=${tag}&kind=CONSUMPTION`))
    expect(consumption.rows.map((r) => r.kind)).toEqual(['CONSUMPTION'])

    const detail = (await getWorkshop(dgd, provision.id))!
    expect(detail.attendees).toMatchObject([{ personName: ctd.name, institutionId: institution.id }])
    expect(detail.institutions.map((i) => i.id)).toContain(institution.id)
    const auditor = await viewerOf((await createCentralPerson(db, 'AUDITOR')).id)
    await expect(listWorkshops(auditor, workshopsTableParams.load(''))).rejects.toThrow(ForbiddenError)
  })
})
