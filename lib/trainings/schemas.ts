import { z } from 'zod'
import { runField } from '@/lib/chile/run-field'
import { calendarDate } from '@/lib/readiness/schemas'

// Messages are keys of the `validation` catalog, translated by lib/forms/action-errors.ts.

export const trainingKinds = ['CONSUMPTION', 'PROVISION'] as const

export const workshopSchema = z.object({
  kind: z.enum(trainingKinds, 'trainingKindInvalid'),
  title: z.string().trim().min(1, 'textRequired').max(200, 'textTooLong'),
  heldOn: calendarDate,
})
export type WorkshopInput = z.output<typeof workshopSchema>
export type WorkshopField = keyof z.input<typeof workshopSchema>

export const attendanceSchema = z.object({
  run: runField,
  /** Optional: needed only when the person is a member of more than one institution. */
  institutionId: z
    .string()
    .max(50)
    .transform((v) => v || null),
})
export type AttendanceInput = z.output<typeof attendanceSchema>
export type AttendanceField = keyof z.input<typeof attendanceSchema>

export const attendanceIdSchema = z.object({ attendanceId: z.string().min(1).max(50) })
