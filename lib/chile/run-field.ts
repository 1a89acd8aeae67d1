import { z } from 'zod'
import { normalizeRut } from './rut'

/**
 * A form's RUN (or RUT) field: required, validated módulo 11, and normalized to "12345678-5".
 * Messages are keys of the `validation` catalog.
 */
export const runField = z
  .string()
  .trim()
  .min(1, 'runRequired')
  .transform((value, ctx) => {
    const run = normalizeRut(value)
    if (!run) {
      ctx.addIssue({ code: 'custom', message: 'runInvalid' })
      return z.NEVER
    }
    return run
  })
