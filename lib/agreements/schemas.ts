import { z } from 'zod'
import { calendarDate, optionalCalendarDate, text } from '@/lib/forms/fields'

// The agreement's forms. Messages are keys of the `validation` catalog.

export const agreementRequestSchema = z.object({
  kind: z.enum(['CONVENIO', 'TERMINOS_Y_CONDICIONES', 'OTRO'], 'agreementKindInvalid'),
  legalBasis: text(2000),
  purpose: text(2000),
  procedure: text(300),
  dataRequested: text(2000),
  expectedVolume: text(300),
})
export type AgreementRequestInput = z.output<typeof agreementRequestSchema>

export const agreementApprovalSchema = z.object({
  availability: text(100),
  responseTime: text(100),
  supportHours: text(100),
  endsOn: optionalCalendarDate,
})
export type AgreementApprovalInput = z.output<typeof agreementApprovalSchema>

export const terminateSchema = z.object({
  terminatesOn: calendarDate,
  reason: text(2000, 'reasonRequired'),
})

/**
 * What a party signs: the portal's PDF, whose SHA-256 the form showed them (`shownSha256`), or a PDF
 * it uploads (checked in the action: size and signature bytes).
 */
export const signAgreementSchema = z.object({
  document: z.enum(['generated', 'uploaded'], 'signedDocumentRequired'),
  // Compared with the kept PDF's SHA-256 by the action, which answers a mismatch on the choice itself.
  shownSha256: z.string().max(64, 'invalid'),
})
export type SignAgreementInput = z.output<typeof signAgreementSchema>
