import { z } from 'zod'
import { normalizeRut } from '@/lib/chile/rut'
import { isRecordId } from '@/lib/ids'

/** A batch holds at most this many records (POST /api/v1/node/traces). */
export const MAX_BATCH_RECORDS = 5_000
/** A record's time may be this far ahead of the portal's clock (the nodes' clock skew). */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000
/** Records older than this are refused: their month may already have been dropped by retention. */
export const MAX_RECORD_AGE_DAYS = 365

export const traceResults = ['OK', 'CLIENT_ERROR', 'SERVER_ERROR', 'TIMEOUT'] as const
export type TraceResult = (typeof traceResults)[number]

const controlCharacters = /[\u0000-\u001f\u007f]/
const identifier = /^[A-Za-z0-9][A-Za-z0-9._:\-/]*$/

function token(max: number, what: string) {
  return z
    .string({ error: `Falta ${what}.` })
    .min(1, `Falta ${what}.`)
    .max(max, `${what[0]!.toUpperCase()}${what.slice(1)} tiene más de ${max} caracteres.`)
    .regex(identifier, `${what[0]!.toUpperCase()}${what.slice(1)} solo admite letras, dígitos y . _ : - /`)
}

const institutionId = (what: string) =>
  z.string({ error: `Falta ${what}.` }).refine(isRecordId, `${what[0]!.toUpperCase()}${what.slice(1)} no es válida.`)

/**
 * One record as a node reports it. `now` bounds its time: not ahead of the portal's clock by more
 * than the skew, not older than retention keeps.
 */
export function traceRecordSchema(now: Date) {
  const latest = now.getTime() + MAX_CLOCK_SKEW_MS
  const earliest = now.getTime() - MAX_RECORD_AGE_DAYS * 86_400_000
  return z
    .object({
      traceId: token(100, 'el identificador de traza'),
      time: z
        .string({ error: 'Falta la fecha y hora del intercambio.' })
        .pipe(
          z.iso.datetime({
            offset: true,
            error: 'La fecha y hora debe ser ISO 8601 con zona (p. ej. 2026-11-30T12:00:00Z).',
          }),
        )
        .transform((value) => new Date(value))
        .refine((date) => date.getTime() <= latest, 'La fecha y hora está en el futuro.')
        .refine((date) => date.getTime() >= earliest, `La fecha y hora tiene más de ${MAX_RECORD_AGE_DAYS} días.`),
      consumerInstitutionId: institutionId('la institución consumidora'),
      providerInstitutionId: institutionId('la institución proveedora'),
      serviceCode: token(100, 'el código del servicio'),
      operation: z
        .string({ error: 'Falta la operación.' })
        .min(1, 'Falta la operación.')
        .max(200, 'La operación tiene más de 200 caracteres.')
        .refine((value) => !controlCharacters.test(value), 'La operación tiene caracteres de control.'),
      procedure: token(50, 'el código CPAT del trámite'),
      caseFileId: token(100, 'el número de expediente').nullish(),
      result: z.enum(traceResults, { error: `El resultado debe ser uno de: ${traceResults.join(', ')}.` }),
      latencyMs: z
        .number({ error: 'La latencia debe ser un número de milisegundos.' })
        .int('La latencia debe ser un número entero de milisegundos.')
        .min(0, 'La latencia no puede ser negativa.')
        .max(3_600_000, 'La latencia supera una hora.'),
      messageSha256: z
        .string({ error: 'Falta el SHA-256 del mensaje.' })
        .regex(/^[0-9a-fA-F]{64}$/, 'El SHA-256 del mensaje debe tener 64 dígitos hexadecimales.')
        .transform((value) => value.toLowerCase()),
      sensitive: z.boolean({ error: 'El indicador de dato sensible debe ser verdadero o falso.' }).default(false),
      consentId: token(100, 'el identificador del consentimiento').nullish(),
      subjectRun: z
        .string({ error: 'El RUN de la persona debe ser texto.' })
        .transform((value, ctx) => {
          const run = normalizeRut(value)
          if (!run) {
            ctx.addIssue({ code: 'custom', message: 'El RUN de la persona no es válido (dígito verificador).' })
            return z.NEVER
          }
          return run
        })
        .nullish(),
    })
    .superRefine((record, ctx) => {
      if (record.sensitive && !record.consentId)
        ctx.addIssue({
          code: 'custom',
          path: ['consentId'],
          message: 'Un dato sensible requiere el identificador del consentimiento.',
        })
      if (record.consumerInstitutionId === record.providerInstitutionId)
        ctx.addIssue({
          code: 'custom',
          path: ['providerInstitutionId'],
          message: 'La institución proveedora no puede ser la misma consumidora.',
        })
    })
}

export type TraceRecordInput = z.output<ReturnType<typeof traceRecordSchema>>

/** The body of POST /api/v1/node/traces. */
export function traceBatchSchema(now: Date) {
  return z.object({
    records: z
      .array(traceRecordSchema(now), { error: 'El cuerpo debe tener "records": una lista de registros.' })
      .min(1, 'El lote no tiene registros.')
      .max(MAX_BATCH_RECORDS, `Un lote admite hasta ${MAX_BATCH_RECORDS} registros.`)
      .superRefine((records, ctx) => {
        const seen = new Map<string, number>()
        records.forEach((r, i) => {
          // zod runs this refinement even when a record failed: its time may still be the raw input.
          if (!(r.time instanceof Date)) return
          const key = `${r.traceId}\u0000${r.time.getTime()}`
          const first = seen.get(key)
          if (first === undefined) seen.set(key, i)
          else
            ctx.addIssue({
              code: 'custom',
              path: [i, 'traceId'],
              message: `El identificador de traza se repite en el lote (registro ${first}).`,
            })
        })
      }),
  })
}
