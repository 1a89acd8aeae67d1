import { describe, expect, it } from 'vitest'
import { loadViewer } from '@/lib/auth/load-viewer'
import { ForbiddenError } from '@/lib/auth/roles'
import { db } from '@/lib/db/client'
import { DomainError } from '@/lib/errors'
import { createCentralPerson, createInstitution, createMember } from '@/prisma/factories'
import { createWorkshop, recordAttendance, recordCooperation } from './readiness-admin'
import { getReadiness } from './queries'

const convenio = {
  signedOn: '2023-03-17',
  segpresDecreeNumber: 'Decreto Exento N° 015',
  segpresDecreeDate: '2023-04-17',
  institutionDecreeNumber: 'Decreto Exento N° 02142',
  institutionDecreeDate: '2023-06-15',
}

describe('readiness recorded by DGD', () => {
  it('makes the convenio and the training count, with audit events', async () => {
    const institution = await createInstitution(db)
    const ctd = await createMember(db, institution.id, 'CTD')
    const reviewer = (await loadViewer((await createCentralPerson(db, 'DGD_REVIEWER')).id))!

    await recordCooperation(reviewer, institution.id, convenio)
    const workshop = await createWorkshop(reviewer, { kind: 'CONSUMPTION', title: 'Taller de consumo', heldOn: '2026-10-01' })
    await recordAttendance(reviewer, institution.id, workshop.id, ctd.id)
    await expect(recordAttendance(reviewer, institution.id, workshop.id, ctd.id)).rejects.toThrow(new DomainError('alreadyAttended'))

    const readiness = (await getReadiness(reviewer, institution.id))!
    expect(Object.fromEntries(readiness.items.map((i) => [i.item, i.met]))).toMatchObject({ cooperation: true, consumptionTraining: true })
    expect(await db.auditEvent.count({ where: { institutionId: institution.id, action: { in: ['cooperation.record', 'training.attendance.add'] } } })).toBe(2)
  })

  it('is refused to the institution itself and to auditors', async () => {
    const institution = await createInstitution(db)
    const ctd = (await loadViewer((await createMember(db, institution.id, 'CTD')).id))!
    const auditor = (await loadViewer((await createCentralPerson(db, 'AUDITOR')).id))!
    await expect(recordCooperation(ctd, institution.id, convenio)).rejects.toThrow(ForbiddenError)
    await expect(recordCooperation(auditor, institution.id, convenio)).rejects.toThrow(ForbiddenError)
    expect(await db.cooperationAgreement.count({ where: { institutionId: institution.id } })).toBe(0)
  })

  it('records attendance only for a current member of the institution', async () => {
    const institution = await createInstitution(db)
    const other = await createMember(db, (await createInstitution(db)).id, 'CTD')
    const head = (await loadViewer((await createCentralPerson(db, 'DGD_HEAD')).id))!
    const workshop = await createWorkshop(head, { kind: 'PROVISION', title: 'Taller de provisión', heldOn: '2026-10-02' })
    await expect(recordAttendance(head, institution.id, workshop.id, other.id)).rejects.toThrow(new DomainError('notFound'))
  })
})
