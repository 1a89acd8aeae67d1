/**
 * An agreement's terms as its PDF shows them, and what each signature's SHA-256 is of. Shared by the
 * case page, the agreement manager, the signing action and the demo seed.
 */
import type { Viewer } from '@/lib/auth/load-viewer'
import { db } from '@/lib/db/client'
import { DomainError } from '@/lib/errors'
import { agreementTermsSelect, sha256Hex, type AgreementTerms, type ApprovedParties } from './document'
import { renderAgreementPdf } from './pdf'
import { caseScope } from '@/lib/connections/scope'

/**
 * The agreement's terms for its PDF; only for the case's parties, and only once the provider approved
 * them (before that there is nothing to sign; a rejected agreement is never signed).
 */
export async function agreementTermsFor(viewer: Viewer, caseId: string): Promise<AgreementTerms> {
  const found = await db.connectionCase.findFirst({
    where: { AND: [{ id: caseId }, caseScope(viewer)] },
    select: {
      number: true,
      consumer: { select: { name: true, rut: true } },
      provider: { select: { name: true, rut: true } },
      service: { select: { name: true, code: true } },
      agreement: {
        select: {
          ...agreementTermsSelect,
          status: true,
          decidedAt: true,
          decidedById: true,
          approvedParties: true,
        },
      },
    },
  })
  const agreement = found?.agreement
  if (!found || !agreement || agreement.status === 'REQUESTED' || agreement.status === 'REJECTED' || !agreement.decidedAt) {
    throw new DomainError('notFound')
  }
  const { status: _status, decidedAt, decidedById, serviceLevels, approvedParties, ...terms } = agreement
  // The names as they were at approval; agreements approved before they were kept use today's.
  const named: ApprovedParties = (approvedParties as ApprovedParties | null) ?? {
    consumer: found.consumer,
    provider: found.provider,
    service: found.service,
    approvedBy: decidedById ? ((await db.person.findUnique({ where: { id: decidedById }, select: { name: true } }))?.name ?? null) : null,
  }
  return {
    caseNumber: found.number,
    ...named,
    ...terms,
    serviceLevels: serviceLevels as AgreementTerms['serviceLevels'],
    approvedAt: decidedAt,
  }
}

/** The SHA-256 of the agreement's PDF as the portal renders it now; null while there is nothing to sign. */
export async function agreementPdfSha256(viewer: Viewer, caseId: string): Promise<string | null> {
  try {
    return sha256Hex(await renderAgreementPdf(await agreementTermsFor(viewer, caseId)))
  } catch (error) {
    if (error instanceof DomainError) return null
    throw error
  }
}

/** What a signature's SHA-256 is of: the portal's PDF, a PDF the party uploaded, or neither (signed elsewhere). */
export type SignedDocument = 'generated' | 'uploaded' | 'external'

export function signedDocument(sha256: string, generated: string | null, uploaded: readonly { sha256: string }[]): SignedDocument {
  if (sha256 === generated) return 'generated'
  return uploaded.some((d) => d.sha256 === sha256) ? 'uploaded' : 'external'
}
