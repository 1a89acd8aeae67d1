/**
 * The convenio de cooperación between SEGPRES and an institution, as DGD records it: its dates and
 * approving decrees, its PDF documents, and a termination notice. Each function authorizes first,
 * then writes its change and its audit event in one transaction.
 */
import { authorize, type Principal } from '@/lib/auth/roles'
import { recordAudit } from '@/lib/audit/record'
import { earliestTerminationDate } from '@/lib/agreements/status'
import { isPdf, MAX_PDF_BYTES, sha256Hex } from '@/lib/agreements/document'
import { db, type Tx } from '@/lib/db/client'
import { formatCalendarDate } from '@/lib/dates'
import { DomainError } from '@/lib/errors'
import { documentFileName, type CooperationInput, type TerminationInput } from './schemas'

export const MAX_DOCUMENT_MB = MAX_PDF_BYTES / (1024 * 1024)

const iso = (date: Date | null) => date?.toISOString().slice(0, 10) ?? null

const cooperationSelect = {
  id: true,
  signedOn: true,
  segpresDecreeNumber: true,
  segpresDecreeDate: true,
  institutionDecreeNumber: true,
  institutionDecreeDate: true,
  terminationNoticeOn: true,
  terminatesOn: true,
} as const

type CooperationRecord = {
  signedOn: Date
  segpresDecreeNumber: string
  segpresDecreeDate: Date
  institutionDecreeNumber: string
  institutionDecreeDate: Date
  terminationNoticeOn: Date | null
  terminatesOn: Date | null
}

function auditView(c: CooperationRecord) {
  return {
    signedOn: iso(c.signedOn),
    segpresDecreeNumber: c.segpresDecreeNumber,
    segpresDecreeDate: iso(c.segpresDecreeDate),
    institutionDecreeNumber: c.institutionDecreeNumber,
    institutionDecreeDate: iso(c.institutionDecreeDate),
    terminationNoticeOn: iso(c.terminationNoticeOn),
    terminatesOn: iso(c.terminatesOn),
  }
}

/** Locks the institution's row, so two recordings for one institution run one after the other. */
async function lockInstitution(tx: Tx, institutionId: string) {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Institution" WHERE id = ${institutionId} FOR UPDATE`
  if (rows.length === 0) throw new DomainError('notFound')
}

/** Records the institution's convenio, or corrects it; a termination notice already given stays. */
export async function recordCooperation(actor: Principal, institutionId: string, input: CooperationInput) {
  authorize(actor, 'readiness.manage')
  return db.$transaction(async (tx) => {
    await lockInstitution(tx, institutionId)
    const before = await tx.cooperationAgreement.findUnique({ where: { institutionId }, select: cooperationSelect })
    const saved = await tx.cooperationAgreement.upsert({
      where: { institutionId },
      create: { institutionId, ...input },
      update: input,
      select: cooperationSelect,
    })
    await recordAudit(tx, {
      actorId: actor.personId,
      action: 'cooperation.record',
      targetType: 'CooperationAgreement',
      targetId: saved.id,
      institutionId,
      before: before ? auditView(before) : null,
      after: auditView(saved),
    })
    return saved
  })
}

/**
 * Records a notice of termination given by either party. The convenio then ends on `terminatesOn`,
 * which must be at least 30 days after the notice. A later notice replaces an earlier one (a
 * correction); the audit log keeps both.
 */
export async function recordTermination(actor: Principal, institutionId: string, input: TerminationInput) {
  authorize(actor, 'readiness.manage')
  const earliest = earliestTerminationDate(input.noticeOn)
  if (input.terminatesOn < earliest) {
    throw new DomainError('cooperationTerminationTooSoon', { date: formatCalendarDate(earliest) })
  }
  return db.$transaction(async (tx) => {
    await lockInstitution(tx, institutionId)
    const before = await tx.cooperationAgreement.findUnique({
      where: { institutionId },
      select: { ...cooperationSelect, terminationGivenBy: true },
    })
    if (!before) throw new DomainError('notFound')
    const saved = await tx.cooperationAgreement.update({
      where: { institutionId },
      data: {
        terminationNoticeOn: input.noticeOn,
        terminatesOn: input.terminatesOn,
        terminationGivenBy: input.party,
        terminationRecordedById: actor.personId,
        terminationRecordedAt: new Date(),
      },
      select: cooperationSelect,
    })
    await recordAudit(tx, {
      actorId: actor.personId,
      action: 'cooperation.terminate',
      targetType: 'CooperationAgreement',
      targetId: saved.id,
      institutionId,
      before: {
        party: before.terminationGivenBy,
        terminationNoticeOn: iso(before.terminationNoticeOn),
        terminatesOn: iso(before.terminatesOn),
      },
      after: {
        party: input.party,
        terminationNoticeOn: iso(saved.terminationNoticeOn),
        terminatesOn: iso(saved.terminatesOn),
      },
    })
    return saved
  })
}

/**
 * Keeps a PDF with the institution's convenio: checked to be a PDF (its first bytes, not its name or
 * its declared type) of at most 10 MB, stored with its SHA-256.
 */
export async function uploadCooperationDocument(
  actor: Principal,
  institutionId: string,
  file: { fileName: string; content: Uint8Array },
) {
  authorize(actor, 'readiness.manage')
  if (file.content.byteLength === 0 || file.content.byteLength > MAX_PDF_BYTES || !isPdf(file.content)) {
    throw new DomainError('documentInvalid', { maxMb: MAX_DOCUMENT_MB })
  }
  const fileName = documentFileName(file.fileName)
  const sha256 = sha256Hex(file.content)
  return db.$transaction(async (tx) => {
    const cooperation = await tx.cooperationAgreement.findUnique({ where: { institutionId }, select: { id: true } })
    if (!cooperation) throw new DomainError('notFound')
    const document = await tx.document.create({
      data: {
        cooperationAgreementId: cooperation.id,
        fileName,
        contentType: 'application/pdf',
        size: file.content.byteLength,
        sha256,
        content: Buffer.from(file.content),
        uploadedById: actor.personId,
      },
      select: { id: true, fileName: true, size: true, sha256: true },
    })
    await recordAudit(tx, {
      actorId: actor.personId,
      action: 'document.upload',
      targetType: 'Document',
      targetId: document.id,
      institutionId,
      after: { fileName, size: document.size, sha256, cooperationAgreementId: cooperation.id },
    })
    return document
  })
}
