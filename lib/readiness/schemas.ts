import { z } from 'zod'

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'dateInvalid')
const text = z.string().trim().min(1, 'textRequired').max(200, 'textTooLong')

export const cooperationSchema = z.object({
  signedOn: isoDate,
  segpresDecreeNumber: text,
  segpresDecreeDate: isoDate,
  institutionDecreeNumber: text,
  institutionDecreeDate: isoDate,
})
export type CooperationInput = z.output<typeof cooperationSchema>

export const workshopSchema = z.object({
  kind: z.enum(['CONSUMPTION', 'PROVISION'], 'trainingKindInvalid'),
  title: text,
  heldOn: isoDate,
})
export type WorkshopInput = z.output<typeof workshopSchema>

export const attendanceSchema = z.object({
  workshopId: z.string().min(1, 'workshopRequired').max(50),
  personId: z.string().min(1, 'personRequired').max(50),
})
