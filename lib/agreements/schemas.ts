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

/** An optional number typed in a field: empty (or absent) becomes null; otherwise within [min, max]. */
function optionalNumber(min: number, max: number, message: string, integer = false) {
  return z
    .string()
    .trim()
    .optional()
    .transform((value, ctx): number | null => {
      if (!value) return null
      const n = Number(value.replace(',', '.'))
      if (!Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) {
        ctx.addIssue({ code: 'custom', message })
        return z.NEVER
      }
      return n
    })
}

export const agreementApprovalSchema = z.object({
  availability: text(100),
  responseTime: text(100),
  supportHours: text(100),
  endsOn: optionalCalendarDate,
  // The levels the registry measures each month (decision 025); empty keeps the service's published ones.
  slaAvailabilityPct: optionalNumber(0, 100, 'percentInvalid'),
  slaP95Ms: optionalNumber(1, 600_000, 'millisecondsInvalid', true),
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
