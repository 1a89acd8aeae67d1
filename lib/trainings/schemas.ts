import { z } from 'zod'
import { runField } from '@/lib/chile/run-field'
import { calendarDate, recordId, text } from '@/lib/forms/fields'

// Messages are keys of the `validation` catalog, translated by lib/forms/action-errors.ts.

import { trainingKinds } from './kinds'

export { trainingKinds }

export const workshopSchema = z.object({
  kind: z.enum(trainingKinds, 'trainingKindInvalid'),
  title: text(200),
  heldOn: calendarDate,
})
export type WorkshopInput = z.output<typeof workshopSchema>
export type WorkshopField = keyof z.input<typeof workshopSchema>

export const attendanceSchema = z.object({
  run: runField,
  /** Optional: needed only when the person is a member of more than one institution. */
  institutionId: z.union([z.literal('').transform(() => null), recordId], 'invalid'),
})
export type AttendanceInput = z.output<typeof attendanceSchema>
export type AttendanceField = keyof z.input<typeof attendanceSchema>

export const attendanceIdSchema = z.object({ attendanceId: recordId })
