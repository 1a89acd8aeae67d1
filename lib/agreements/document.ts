import { createHash } from 'node:crypto'

/** What the agreement's PDF (./pdf.ts) is rendered from: its terms, fixed once the provider approved. */
export type AgreementTerms = {
  caseNumber: number
  consumer: { name: string; rut: string }
  provider: { name: string; rut: string }
  service: { name: string; code: string }
  kind: 'CONVENIO' | 'TERMINOS_Y_CONDICIONES' | 'OTRO'
  legalBasis: string
  purpose: string
  procedure: string
  dataRequested: string
  expectedVolume: string
  serviceLevels: { availability: string; responseTime: string; supportHours: string } | null
  endsOn: Date | null
  approvedBy: string | null
  approvedAt: Date
}

/** The terms an agreement is requested and approved with, as a Prisma select: what every page and the PDF show. */
export const agreementTermsSelect = {
  kind: true,
  legalBasis: true,
  purpose: true,
  procedure: true,
  dataRequested: true,
  expectedVolume: true,
  serviceLevels: true,
  endsOn: true,
} as const

/** Who the agreement is between, and who approved it, as named when its terms were approved. */
export type ApprovedParties = Pick<AgreementTerms, 'consumer' | 'provider' | 'service' | 'approvedBy'>

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex')
}

export const MAX_PDF_BYTES = 10 * 1024 * 1024

export function isPdf(bytes: Uint8Array): boolean {
  return bytes.length > 5 && Buffer.from(bytes.subarray(0, 5)).toString('latin1') === '%PDF-'
}
