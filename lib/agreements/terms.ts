/**
 * An agreement's terms as its PDF shows them, the PDF itself as kept since approval, and what each
 * signature's SHA-256 is of. Shared by the case page, the agreement manager, the signing action, the
 * download route and the demo seed (decision 007).
 */
import type { Viewer } from '@/lib/auth/load-viewer'
import { caseScope } from '@/lib/connections/scope'
import { db, type Db, type Tx } from '@/lib/db/client'
import { DomainError } from '@/lib/errors'
import { agreementTermsSelect, sha256Hex, type AgreementTerms, type ApprovedParties } from './document'
import { renderAgreementPdf } from './pdf'
import { renderAgreementPdfV1 } from './pdf-v1'

/** Approved terms have a PDF; requested ones have nothing to sign yet, and a rejected agreement is never signed. */
const hasDocument = (status: string) => status !== 'REQUESTED' && status !== 'REJECTED'

/** The terms of a case's agreement once approved, with no viewer scope: callers check who asks. */
async function approvedTerms(tx: Tx | Db, caseId: string): Promise<AgreementTerms | null> {
  const found = await tx.connectionCase.findUnique({
    where: { id: caseId },
    select: {
      number: true,
      consumer: { select: { name: true, rut: true } },
      provider: { select: { name: true, rut: true } },
      service: { select: { name: true, code: true } },
      agreement: {
        select: { ...agreementTermsSelect, status: true, decidedAt: true, decidedById: true, approvedParties: true },
      },
    },
  })
  const agreement = found?.agreement
  if (!found || !agreement || !hasDocument(agreement.status) || !agreement.decidedAt) return null
  const { status: _status, decidedAt, decidedById, serviceLevels, approvedParties, ...terms } = agreement
  // The names as they were at approval; agreements approved before they were kept use today's.
  const named: ApprovedParties = (approvedParties as ApprovedParties | null) ?? {
    consumer: found.consumer,
    provider: found.provider,
    service: found.service,
    approvedBy: decidedById
      ? ((await tx.person.findUnique({ where: { id: decidedById }, select: { name: true } }))?.name ?? null)
      : null,
  }
  return {
    caseNumber: found.number,
    ...named,
    ...terms,
    serviceLevels: serviceLevels as AgreementTerms['serviceLevels'],
    approvedAt: decidedAt,
  }
}

/** The agreement's terms for its PDF; only for the case's parties, and only once the provider approved them. */
export async function agreementTermsFor(viewer: Viewer, caseId: string): Promise<AgreementTerms> {
  const visible = await db.connectionCase.findFirst({
    where: { AND: [{ id: caseId }, caseScope(viewer)] },
    select: { id: true },
  })
  const terms = visible && (await approvedTerms(db, caseId))
  if (!terms) throw new DomainError('notFound')
  return terms
}

/**
 * Renders the approved terms once and keeps the bytes: called in the approval's transaction, after
 * the agreement moved to APPROVED. From then on the PDF is served and hashed as stored, never rendered
 * again, so a later change of wording, layout or library cannot change a signed document.
 */
export async function keepApprovedPdf(tx: Tx, caseId: string) {
  const terms = await approvedTerms(tx, caseId)
  if (!terms) throw new DomainError('caseWrongState')
  const pdf = await renderAgreementPdf(terms)
  await tx.agreement.update({ where: { caseId }, data: { pdf: Buffer.from(pdf), pdfSha256: sha256Hex(pdf) } })
}

/**
 * The one-off backfill of an agreement approved before the portal kept its PDF: rendered with the
 * renderer of that time (./pdf-v1.ts), so the SHA-256s recorded when it was signed keep matching. In
 * its own transaction, with the agreement locked, and only if nothing is stored yet: running it twice,
 * or from two processes at once, stores the bytes once.
 */
export async function backfillAgreementPdf(client: Db, agreementId: string): Promise<void> {
  await client.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ caseId: string; missing: boolean }[]>`
      SELECT "caseId", "pdf" IS NULL AS missing FROM "Agreement" WHERE id = ${agreementId} FOR UPDATE`
    const row = rows[0]
    if (!row?.missing) return
    const terms = await approvedTerms(tx, row.caseId)
    if (!terms) return
    const pdf = await renderAgreementPdfV1(terms)
    await tx.agreement.update({
      where: { id: agreementId },
      data: { pdf: Buffer.from(pdf), pdfSha256: sha256Hex(pdf) },
    })
  })
}

/** Backfills every approved agreement without a kept PDF; run once by `npm start` and the seed. Returns how many. */
export async function backfillAgreementPdfs(client: Db = db): Promise<number> {
  const missing = await client.agreement.findMany({
    where: { pdf: null, decidedAt: { not: null }, status: { notIn: ['REQUESTED', 'REJECTED'] } },
    select: { id: true },
  })
  for (const { id } of missing) await backfillAgreementPdf(client, id)
  return missing.length
}

/**
 * The agreement's PDF as kept, with its SHA-256 and the case number; only for the case's parties and
 * once approved. An agreement from before the PDFs were kept is backfilled on first use (see above).
 */
export async function agreementPdfFor(
  viewer: Viewer,
  caseId: string,
): Promise<{ pdf: Uint8Array; sha256: string; caseNumber: number }> {
  const read = () =>
    db.agreement.findFirst({
      where: { caseId, case: caseScope(viewer) },
      select: { id: true, status: true, pdf: true, pdfSha256: true, case: { select: { number: true } } },
    })
  let found = await read()
  if (!found || !hasDocument(found.status)) throw new DomainError('notFound')
  if (!found.pdf) {
    await backfillAgreementPdf(db, found.id)
    found = await read()
  }
  if (!found?.pdf || !found.pdfSha256) throw new DomainError('notFound')
  return { pdf: new Uint8Array(found.pdf), sha256: found.pdfSha256, caseNumber: found.case.number }
}

/** The SHA-256 of the agreement's kept PDF; null while there is nothing to sign or for non-parties. */
export async function agreementPdfSha256(viewer: Viewer, caseId: string): Promise<string | null> {
  const found = await db.agreement.findFirst({
    where: { caseId, case: caseScope(viewer) },
    select: { status: true, pdfSha256: true },
  })
  if (!found || !hasDocument(found.status)) return null
  if (found.pdfSha256) return found.pdfSha256
  try {
    return (await agreementPdfFor(viewer, caseId)).sha256
  } catch (error) {
    if (error instanceof DomainError) return null
    throw error
  }
}

/** What a signature's SHA-256 is of: the portal's PDF, a PDF the party uploaded, or neither (signed elsewhere). */
export type SignedDocument = 'generated' | 'uploaded' | 'external'

export function signedDocument(
  sha256: string,
  generated: string | null,
  uploaded: readonly { sha256: string }[],
): SignedDocument {
  if (sha256 === generated) return 'generated'
  return uploaded.some((d) => d.sha256 === sha256) ? 'uploaded' : 'external'
}
