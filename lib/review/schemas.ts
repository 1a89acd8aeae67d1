import { z } from 'zod'
import { calendarDate, httpsLink, optionalText, recordId, text } from '@/lib/forms/fields'

// Messages are keys of the `validation` catalog.

const code = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9][A-Z0-9_-]{1,39}$/, 'catalogCodeInvalid')
const version = z
  .string()
  .trim()
  .regex(/^[0-9A-Za-z][0-9A-Za-z._-]{0,19}$/, 'versionInvalid')

export const publicationKinds = ['NEW_SERVICE', 'SERVICE_VERSION', 'NEW_SCHEMA', 'SCHEMA_VERSION'] as const

/** What every request says: the version asked for, what changed, and the note to the DGD. */
const common = { version, changes: text(2000), requestNote: text(4000) }

export const newServiceSchema = z.object({
  kind: z.literal('NEW_SERVICE'),
  institutionId: z.string().min(1, 'institutionRequired').pipe(recordId),
  code,
  name: text(200),
  description: text(4000),
  protocol: z.enum(['REST', 'SOAP'], 'protocolInvalid'),
  requiresAgreement: z.enum(['true', 'false'], 'invalid').transform((v) => v === 'true'),
  ...common,
})
export const serviceVersionSchema = z.object({
  kind: z.literal('SERVICE_VERSION'),
  serviceId: z.string().min(1, 'serviceRequired').pipe(recordId),
  ...common,
})
export const newSchemaSchema = z.object({
  kind: z.literal('NEW_SCHEMA'),
  institutionId: z.string().min(1, 'institutionRequired').pipe(recordId),
  code,
  name: text(200),
  description: text(4000),
  schemaKind: z.enum(['BASAL', 'DOCUMENTAL'], 'invalid'),
  format: z.enum(['JSON_SCHEMA', 'XSD'], 'invalid'),
  ...common,
})
export const schemaVersionSchema = z.object({
  kind: z.literal('SCHEMA_VERSION'),
  schemaId: z.string().min(1, 'schemaRequired').pipe(recordId),
  ...common,
})

export const publicationRequestSchema = z.discriminatedUnion(
  'kind',
  [newServiceSchema, serviceVersionSchema, newSchemaSchema, schemaVersionSchema],
  'invalid',
)
export type PublicationRequestInput = z.output<typeof publicationRequestSchema>

export const assignSchema = z.object({ reviewerId: z.string().min(1, 'reviewerRequired').pipe(recordId) })

export const noteSchema = z.object({
  devEndpoint: z.union([z.literal('').transform(() => null), httpsLink]),
  activities: text(8000),
  recommendations: optionalText(8000),
})
export type NoteInput = z.output<typeof noteSchema>

export const returnSchema = z.object({ reason: text(2000, 'reasonRequired') })

export const resubmitSchema = z.object({ changes: text(2000), requestNote: text(4000) })
export type ResubmitInput = z.output<typeof resubmitSchema>

export const deprecationSchema = z.object({ stopsOn: calendarDate, reason: text(2000, 'reasonRequired') })
export type DeprecationInput = z.output<typeof deprecationSchema>
