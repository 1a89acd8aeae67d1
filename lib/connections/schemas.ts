import { z } from 'zod'
import {
  calendarDate,
  chileDateTime,
  httpsLink,
  optionalDecimalInteger,
  optionalText,
  recordId,
  text,
} from '@/lib/forms/fields'

// Messages are keys of the `validation` catalog.

export const meetingRequestSchema = z.object({
  consumerId: z.string().min(1, 'institutionRequired').pipe(recordId),
  serviceId: z.string().min(1, 'serviceRequired').pipe(recordId),
  requesterRole: z.enum(['PROVIDER', 'CONSUMER', 'BOTH'], 'requesterRoleInvalid'),
  needs: text(2000),
  preferredDates: z.array(calendarDate).min(1, 'preferredDatesRequired').max(5, 'preferredDatesTooMany'),
})
export type MeetingRequestInput = z.output<typeof meetingRequestSchema>

export const scheduleMeetingSchema = z.object({
  meetingAt: chileDateTime,
  meetingLink: httpsLink,
})
export type ScheduleMeetingInput = z.output<typeof scheduleMeetingSchema>

export const meetingHeldSchema = z.object({ meetingNotes: text(4000) })

export const reasonSchema = z.object({ reason: text(2000, 'reasonRequired') })

export const connectivityTestSchema = z.object({
  ranAt: chileDateTime,
  target: text(300),
  outcome: z.enum(['PASSED', 'FAILED'], 'outcomeInvalid'),
  latencyMs: optionalDecimalInteger(0, 600_000, 'latencyInvalid'),
  notes: optionalText(2000),
})
export type ConnectivityTestInput = z.output<typeof connectivityTestSchema>

export const assignReviewerSchema = z.object({ reviewerId: z.string().min(1, 'reviewerRequired').pipe(recordId) })
