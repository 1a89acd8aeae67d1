import { z } from 'zod'
import { terminationParties } from './parties'
import { calendarDate, text } from '@/lib/forms/fields'
import { cleanFileName } from '@/lib/text/file-name'

// Messages are keys of the `validation` catalog, translated by lib/forms/action-errors.ts.

const decreeNumber = text(120)

export const cooperationSchema = z.object({
  signedOn: calendarDate,
  segpresDecreeNumber: decreeNumber,
  segpresDecreeDate: calendarDate,
  institutionDecreeNumber: decreeNumber,
  institutionDecreeDate: calendarDate,
})
export type CooperationInput = z.output<typeof cooperationSchema>
export type CooperationField = keyof z.input<typeof cooperationSchema>

/** Who gives notice of termination: either party may (seeds/002, clause seventh). */
export { terminationParties }

export const terminationSchema = z.object({
  party: z.enum(terminationParties, 'invalid'),
  noticeOn: calendarDate,
  terminatesOn: calendarDate,
})
export type TerminationInput = z.output<typeof terminationSchema>
export type TerminationField = keyof z.input<typeof terminationSchema>

/** The name a document keeps: no folders, no control characters, a sane length (lib/text/file-name.ts). */
export function documentFileName(name: string): string {
  return cleanFileName(name, 'documento.pdf')
}
