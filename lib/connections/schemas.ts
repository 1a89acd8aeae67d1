import { z } from 'zod'

// Messages are keys of the `validation` catalog.
const text = (max: number, tooShort = 'textRequired') => z.string().trim().min(1, tooShort).max(max, 'textTooLong')
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'dateInvalid')

export const meetingRequestSchema = z.object({
  consumerId: z.string().min(1, 'institutionRequired').max(50),
  serviceId: z.string().min(1, 'serviceRequired').max(50),
  requesterRole: z.enum(['PROVIDER', 'CONSUMER', 'BOTH'], 'requesterRoleInvalid'),
  needs: text(2000),
  preferredDates: z.array(isoDate).min(1, 'preferredDatesRequired').max(5, 'preferredDatesTooMany'),
})
export type MeetingRequestInput = z.output<typeof meetingRequestSchema>

export const scheduleMeetingSchema = z.object({
  meetingAt: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'dateTimeInvalid'),
  meetingLink: z.url('linkInvalid').max(500, 'textTooLong'),
})

export const meetingHeldSchema = z.object({ meetingNotes: text(4000) })

export const reasonSchema = z.object({ reason: text(2000, 'reasonRequired') })

export const connectivityTestSchema = z.object({
  ranAt: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'dateTimeInvalid'),
  target: text(300),
  outcome: z.enum(['PASSED', 'FAILED'], 'outcomeInvalid'),
  latencyMs: z.union([z.literal(''), z.coerce.number().int('latencyInvalid').min(0, 'latencyInvalid').max(600_000, 'latencyInvalid')]).transform((v) => (v === '' ? null : v)),
  notes: z.string().trim().max(2000, 'textTooLong').transform((v) => v || null),
})
export type ConnectivityTestInput = z.output<typeof connectivityTestSchema>
