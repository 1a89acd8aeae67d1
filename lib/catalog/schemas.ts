// The shapes of the catalog's JSON columns and of the read API's answers (zod, one source: the API's
// OpenAPI document is generated from these, lib/catalog/openapi.ts).
import { z } from 'zod'

export const serviceLevelsSchema = z.object({
  /** Monthly availability, percent. */
  availability: z.number().min(0).max(100).optional(),
  /** 95th percentile of the response time, milliseconds. */
  p95Ms: z.number().int().positive().optional(),
  /** When the provider answers incidents, e.g. "Lunes a viernes 09:00–18:00". */
  supportHours: z.string().max(200).optional(),
})
export type ServiceLevels = z.infer<typeof serviceLevelsSchema>

export const contactSchema = z.object({
  name: z.string().min(1).max(200),
  email: z.email().max(320),
  role: z.string().max(200).optional(),
})
export const contactsSchema = z.array(contactSchema).max(20)
export type Contact = z.infer<typeof contactSchema>

/** A JSON column read back: its shape when it has one, null otherwise (never throws on old rows). */
export function readServiceLevels(value: unknown): ServiceLevels | null {
  const parsed = serviceLevelsSchema.safeParse(value)
  return parsed.success ? parsed.data : null
}

export function readContacts(value: unknown): Contact[] {
  const parsed = contactsSchema.safeParse(value)
  return parsed.success ? parsed.data : []
}
