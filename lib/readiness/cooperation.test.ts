import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { loadViewer } from '@/lib/auth/load-viewer'
import { ForbiddenError } from '@/lib/auth/roles'
import { db } from '@/lib/db/client'
import { DomainError } from '@/lib/errors'
import {
  createCentralPerson,
  createCooperationAgreement,
  createInstitution,
  createMember,
  createTrainingAttendance,
  createTrainingWorkshop,
  tinyPdf,
} from '@/prisma/factories'
import { recordCooperation, recordTermination, uploadCooperationDocument } from './cooperation'
import { loadReadinessFacts } from './facts'
import { getCooperationDocument, getReadiness } from './queries'
import { cooperationSchema, terminationSchema } from './schemas'

const d = (iso: string) => new Date(`${iso}T00:00:00Z`)
const vallenarConvenio = cooperationSchema.parse({
  signedOn: '2023-03-17',
  segpresDecreeNumber: 'Decreto Exento N° 015',
  segpresDecreeDate: '2023-04-17',
  institutionDecreeNumber: 'Decreto Exento N° 02142',
  institutionDecreeDate: '2023-06-15',
})
const notice = (noticeOn: string, terminatesOn: string, party = 'INSTITUTION') =>
  terminationSchema.parse({ party, noticeOn, terminatesOn })

const viewerOf = async (personId: string) => (await loadViewer(personId))!
const reviewer = async () => viewerOf((await createCentralPerson(db, 'DGD_REVIEWER')).id)

describe('recordCooperation', () => {
  it('lets DGD record the convenio; it is in force from the later decree, with its audit event', async () => {
    const institution = await createInstitution(db)
    const dgd = await reviewer()
    const saved = await recordCooperation(dgd, institution.id, vallenarConvenio)

    const event = await db.auditEvent.findFirstOrThrow({ where: { targetId: saved.id } })
    expect(event).toMatchObject({
      action: 'cooperation.record',
      actorId: dgd.personId,
      institutionId: institution.id,
      before: null,
    })
    expect(event.after).toMatchObject({
      segpresDecreeNumber: 'Decreto Exento N° 015',
      institutionDecreeDate: '2023-06-15',
    })
    expect((await loadReadinessFacts(db, institution.id))?.cooperation).toEqual({
      inForceFrom: d('2023-06-15'),
      terminatesOn: null,
    })
  })

  it('lets the head of DGD correct it, keeping a termination notice already given, with before and after', async () => {
    const institution = await createInstitution(db)
    await createCooperationAgreement(db, institution.id, {
      terminationNoticeOn: '2026-11-01',
      terminatesOn: '2026-12-15',
    })
    const head = await viewerOf((await createCentralPerson(db, 'DGD_HEAD')).id)
    const saved = await recordCooperation(head, institution.id, vallenarConvenio)
    expect(saved).toMatchObject({ segpresDecreeNumber: 'Decreto Exento N° 015', terminatesOn: d('2026-12-15') })
    const event = await db.auditEvent.findFirstOrThrow({ where: { targetId: saved.id, action: 'cooperation.record' } })
    expect(event.before).toMatchObject({ signedOn: '2024-03-01' })
    expect(event.after).toMatchObject({ signedOn: '2023-03-17', terminatesOn: '2026-12-15' })
  })

  it("is refused to the institution's own CTD and to auditors, and writes nothing", async () => {
    const institution = await createInstitution(db)
    const ctd = await viewerOf((await createMember(db, institution.id, 'CTD')).id)
    const auditor = await viewerOf((await createCentralPerson(db, 'AUDITOR')).id)
    await expect(recordCooperation(ctd, institution.id, vallenarConvenio)).rejects.toThrow(ForbiddenError)
    await expect(recordCooperation(auditor, institution.id, vallenarConvenio)).rejects.toThrow(ForbiddenError)
    expect(await db.cooperationAgreement.count({ where: { institutionId: institution.id } })).toBe(0)
    expect(await db.auditEvent.count({ where: { institutionId: institution.id } })).toBe(0)
  })

  it('refuses an institution that does not exist', async () => {
    await expect(recordCooperation(await reviewer(), 'no-such-institution', vallenarConvenio)).rejects.toThrow(
      new DomainError('notFound'),
    )
  })
})

describe('recordTermination', () => {
  it('records a notice with at least 30 days; the convenio stays in force until then', async () => {
    const institution = await createInstitution(db)
    const cooperation = await createCooperationAgreement(db, institution.id)
    const dgd = await reviewer()
    await recordTermination(dgd, institution.id, notice('2026-11-22', '2026-12-22', 'SEGPRES'))

    expect(await db.cooperationAgreement.findUniqueOrThrow({ where: { id: cooperation.id } })).toMatchObject({
      terminationNoticeOn: d('2026-11-22'),
      terminatesOn: d('2026-12-22'),
      terminationGivenBy: 'SEGPRES',
      terminationRecordedById: dgd.personId,
    })
    // Who gave notice and who recorded it are on the convenio itself, for its page.
    const recorded = (await getReadiness(dgd, institution.id))!.cooperation!
    expect(recorded.terminationGivenBy).toBe('SEGPRES')
    expect(recorded.terminationRecordedBy).toBe(
      (await db.person.findUniqueOrThrow({ where: { id: dgd.personId } })).name,
    )
    expect(recorded.terminationRecordedAt).toBeInstanceOf(Date)
    const event = await db.auditEvent.findFirstOrThrow({
      where: { targetId: cooperation.id, action: 'cooperation.terminate' },
    })
    expect(event.after).toEqual({ party: 'SEGPRES', terminationNoticeOn: '2026-11-22', terminatesOn: '2026-12-22' })
    const readiness = (await getReadiness(dgd, institution.id, new Date('2026-12-01T15:00:00Z')))!
    expect(readiness.items[0]).toEqual({ item: 'cooperation', met: true, status: 'terminating' })
    expect((await getReadiness(dgd, institution.id, new Date('2026-12-22T15:00:00Z')))!.items[0]).toMatchObject({
      met: false,
      status: 'terminated',
    })
  })

  it('replaces an earlier notice (a correction): the convenio keeps the latest, the audit log both', async () => {
    const institution = await createInstitution(db)
    const cooperation = await createCooperationAgreement(db, institution.id)
    await recordTermination(await reviewer(), institution.id, notice('2026-11-22', '2026-12-22', 'SEGPRES'))
    const head = await viewerOf((await createCentralPerson(db, 'DGD_HEAD')).id)
    await recordTermination(head, institution.id, notice('2026-11-23', '2027-01-31', 'INSTITUTION'))

    expect(await db.cooperationAgreement.findUniqueOrThrow({ where: { id: cooperation.id } })).toMatchObject({
      terminatesOn: d('2027-01-31'),
      terminationGivenBy: 'INSTITUTION',
      terminationRecordedById: head.personId,
    })
    const events = await db.auditEvent.findMany({
      where: { targetId: cooperation.id, action: 'cooperation.terminate' },
      orderBy: { at: 'asc' },
    })
    expect(events.map((e) => e.before)).toEqual([
      { party: null, terminationNoticeOn: null, terminatesOn: null },
      { party: 'SEGPRES', terminationNoticeOn: '2026-11-22', terminatesOn: '2026-12-22' },
    ])
  })

  it('a notice recorded before the convenio kept who recorded it is backfilled from its latest audit event', async () => {
    const institution = await createInstitution(db)
    const cooperation = await createCooperationAgreement(db, institution.id, {
      terminationNoticeOn: '2026-11-22',
      terminatesOn: '2027-01-31',
    })
    const [first, latest] = [await reviewer(), await reviewer()]
    const event = (actorId: string, at: string, party: string) => ({
      actorId,
      at: new Date(at),
      action: 'cooperation.terminate',
      targetType: 'CooperationAgreement',
      targetId: cooperation.id,
      institutionId: institution.id,
      after: { party, terminationNoticeOn: '2026-11-22', terminatesOn: '2027-01-31' },
    })
    await db.auditEvent.createMany({
      data: [
        event(first.personId, '2026-11-22T13:00:00Z', 'SEGPRES'),
        event(latest.personId, '2026-11-22T14:00:00Z', 'INSTITUTION'),
      ],
    })
    const migration = readdirSync('prisma/migrations').find((name) =>
      name.endsWith('_convenio_termination_recorded_backfill'),
    )!
    await db.$executeRawUnsafe(readFileSync(`prisma/migrations/${migration}/migration.sql`, 'utf8'))

    expect(await db.cooperationAgreement.findUniqueOrThrow({ where: { id: cooperation.id } })).toMatchObject({
      terminationGivenBy: 'INSTITUTION',
      terminationRecordedById: latest.personId,
      terminationRecordedAt: new Date('2026-11-22T14:00:00Z'),
    })
  })

  it('refuses a termination less than 30 days after the notice, naming the earliest date', async () => {
    const institution = await createInstitution(db)
    await createCooperationAgreement(db, institution.id)
    const attempt = recordTermination(await reviewer(), institution.id, notice('2026-11-22', '2026-12-21'))
    await expect(attempt).rejects.toThrow(DomainError)
    await expect(attempt).rejects.toMatchObject({
      code: 'cooperationTerminationTooSoon',
      values: { date: '22-12-2026' },
    })
    expect(await db.cooperationAgreement.findUniqueOrThrow({ where: { institutionId: institution.id } })).toMatchObject(
      { terminatesOn: null },
    )
  })

  it('refuses when there is no convenio, and refuses the institution itself', async () => {
    const institution = await createInstitution(db)
    await expect(
      recordTermination(await reviewer(), institution.id, notice('2026-11-22', '2027-01-01')),
    ).rejects.toThrow(new DomainError('notFound'))
    await createCooperationAgreement(db, institution.id)
    const ctd = await viewerOf((await createMember(db, institution.id, 'CTD')).id)
    await expect(recordTermination(ctd, institution.id, notice('2026-11-22', '2027-01-01'))).rejects.toThrow(
      ForbiddenError,
    )
  })
})

describe('uploadCooperationDocument', () => {
  it('keeps a PDF with its SHA-256, and its members and central staff can download it', async () => {
    const institution = await createInstitution(db)
    await createCooperationAgreement(db, institution.id)
    const dgd = await reviewer()
    const content = tinyPdf(['Convenio de cooperación'])
    const document = await uploadCooperationDocument(dgd, institution.id, { fileName: 'Convenio.pdf', content })
    const sha256 = createHash('sha256').update(content).digest('hex')
    expect(document).toMatchObject({ fileName: 'Convenio.pdf', size: content.byteLength, sha256 })
    expect(await db.auditEvent.findFirstOrThrow({ where: { targetId: document.id } })).toMatchObject({
      action: 'document.upload',
      institutionId: institution.id,
      after: { fileName: 'Convenio.pdf', sha256 },
    })

    const technical = await viewerOf((await createMember(db, institution.id, 'TECHNICAL_ADMIN')).id)
    const auditor = await viewerOf((await createCentralPerson(db, 'AUDITOR')).id)
    for (const viewer of [technical, auditor, dgd]) {
      const found = await getCooperationDocument(viewer, institution.id, document.id)
      expect(Buffer.from(found!.content).equals(Buffer.from(content))).toBe(true)
    }
  })

  it("refuses the download to another institution's CTD, whatever institution the URL names", async () => {
    const institution = await createInstitution(db)
    await createCooperationAgreement(db, institution.id)
    const document = await uploadCooperationDocument(await reviewer(), institution.id, {
      fileName: 'c.pdf',
      content: tinyPdf(),
    })
    const other = await createInstitution(db)
    const otherCtd = await viewerOf((await createMember(db, other.id, 'CTD')).id)
    await expect(getCooperationDocument(otherCtd, institution.id, document.id)).rejects.toThrow(ForbiddenError)
    // Their own institution in the URL does not reach another institution's document.
    expect(await getCooperationDocument(otherCtd, other.id, document.id)).toBeNull()
  })

  it('refuses what is not a PDF, an empty file and one over 10 MB, by its content', async () => {
    const institution = await createInstitution(db)
    await createCooperationAgreement(db, institution.id)
    const dgd = await reviewer()
    const refused = { code: 'documentInvalid', values: { maxMb: 10 } }
    const fake = new TextEncoder().encode('<html>no soy un PDF</html>')
    await expect(
      uploadCooperationDocument(dgd, institution.id, { fileName: 'convenio.pdf', content: fake }),
    ).rejects.toMatchObject(refused)
    await expect(
      uploadCooperationDocument(dgd, institution.id, { fileName: 'vacío.pdf', content: new Uint8Array() }),
    ).rejects.toMatchObject(refused)
    const big = new Uint8Array(10 * 1024 * 1024 + 1)
    big.set(tinyPdf())
    await expect(
      uploadCooperationDocument(dgd, institution.id, { fileName: 'grande.pdf', content: big }),
    ).rejects.toMatchObject(refused)
    expect(await db.document.count({ where: { cooperationAgreement: { institutionId: institution.id } } })).toBe(0)
  })

  it('refuses a document without a convenio, and refuses institution members', async () => {
    const institution = await createInstitution(db)
    await expect(
      uploadCooperationDocument(await reviewer(), institution.id, { fileName: 'c.pdf', content: tinyPdf() }),
    ).rejects.toThrow(new DomainError('notFound'))
    await createCooperationAgreement(db, institution.id)
    const ctd = await viewerOf((await createMember(db, institution.id, 'CTD')).id)
    await expect(
      uploadCooperationDocument(ctd, institution.id, { fileName: 'c.pdf', content: tinyPdf() }),
    ).rejects.toThrow(ForbiddenError)
  })
})

describe('getReadiness', () => {
  it('shows the institution its convenio, designations and trainings', async () => {
    const institution = await createInstitution(db)
    await createCooperationAgreement(db, institution.id, {
      segpresDecreeDate: '2024-04-01',
      institutionDecreeDate: '2024-05-02',
    })
    const ctd = await createMember(db, institution.id, 'CTD', 'Jorge Castillo Vega')
    await createMember(db, institution.id, 'TECHNICAL_ADMIN', 'Daniela Pizarro Tapia')
    const workshop = await createTrainingWorkshop(db, {
      kind: 'CONSUMPTION',
      title: 'Taller de consumo',
      heldOn: '2026-08-12',
    })
    await createTrainingAttendance(db, workshop.id, ctd.id, institution.id)

    const readiness = (await getReadiness(await viewerOf(ctd.id), institution.id, new Date('2026-11-22T15:00:00Z')))!
    expect(readiness.items.map((i) => [i.item, i.met])).toEqual([
      ['cooperation', true],
      ['technicalAdmin', true],
      ['businessAdmin', false],
      ['consumptionTraining', true],
      ['provisionTraining', false],
    ])
    expect(readiness.cooperation).toMatchObject({
      inForceFrom: d('2024-05-02'),
      status: 'inForce',
      availability: '24x7',
      criticalResolutionHours: 2,
    })
    expect(readiness.technicalAdmins).toEqual(['Daniela Pizarro Tapia'])
    expect(readiness.attendances).toMatchObject([
      { personName: 'Jorge Castillo Vega', title: 'Taller de consumo', kind: 'CONSUMPTION' },
    ])
    expect(readiness.canManage).toBe(false)
  })

  it("is refused to another institution's members; auditors read it, DGD may manage it", async () => {
    const institution = await createInstitution(db)
    const otherCtd = await viewerOf((await createMember(db, (await createInstitution(db)).id, 'CTD')).id)
    await expect(getReadiness(otherCtd, institution.id)).rejects.toThrow(ForbiddenError)
    const auditor = await viewerOf((await createCentralPerson(db, 'AUDITOR')).id)
    expect((await getReadiness(auditor, institution.id))?.canManage).toBe(false)
    expect((await getReadiness(await reviewer(), institution.id))?.canManage).toBe(true)
  })
})
