import { z } from 'zod'
import { parseChileDateTime, parseIsoDate } from '@/lib/dates'
import { isRecordId } from '@/lib/ids'

/**
 * The field schemas every form is built from: each reads what an <input> sends (a string) and gives
 * the value the domain stores (a `Date`, a number, clean text), or a field error whose message is a
 * key of the `validation` catalog. An impossible value is refused here, never stored as another one.
 */

/**
 * C0 control characters other than tab and line breaks: PostgreSQL refuses NUL in text, and none of
 * them is anything a person typed.
 */
const controlCharacters = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/

/** Whether text is free of those characters; for text fields with messages of their own. */
export function isCleanText(value: string): boolean {
  return !controlCharacters.test(value)
}

/** Free text, trimmed: required unless `optional`, at most `max` characters. */
export function text(max: number, tooShort = 'textRequired') {
  return z.string().trim().min(1, tooShort).max(max, 'textTooLong').refine(isCleanText, 'textInvalid')
}

/** Optional free text: empty becomes null. */
export function optionalText(max: number) {
  return z
    .string()
    .trim()
    .max(max, 'textTooLong')
    .refine(isCleanText, 'textInvalid')
    .transform((v) => v || null)
}

/** A string read by `parse` into a value, or refused with `message` when `parse` gives undefined. */
function parsed<T>(parse: (value: string) => T | undefined, message: string) {
  return z
    .string()
    .trim()
    .transform((value, ctx): T => {
      const result = parse(value)
      if (result === undefined) {
        ctx.addIssue({ code: 'custom', message })
        return z.NEVER
      }
      return result
    })
}

/** A calendar date from an <input type="date"> ("2026-11-25") that exists, as midnight UTC (a @db.Date). */
export const calendarDate = parsed((value) => parseIsoDate(value) ?? undefined, 'dateInvalid')

/** An optional calendar date: empty becomes null. */
export const optionalCalendarDate = parsed(
  (value) => (value === '' ? null : (parseIsoDate(value) ?? undefined)),
  'dateInvalid',
)

/** A Chilean wall-clock time from an <input type="datetime-local"> ("2026-11-25T10:00") that exists, as an instant. */
export const chileDateTime = parsed((value) => parseChileDateTime(value) ?? undefined, 'dateTimeInvalid')

/** A link people will open: https only (no javascript:, data: or plain http:), with a host. */
export const httpsLink = z
  .string()
  .trim()
  .max(500, 'textTooLong')
  .refine((value) => {
    if (controlCharacters.test(value) || /\s/.test(value)) return false
    try {
      const url = new URL(value)
      return url.protocol === 'https:' && url.hostname !== '' && !url.username && !url.password
    } catch {
      return false
    }
  }, 'linkInvalid')

/** A whole number in decimal digits between `min` and `max`, or undefined ("0x10", "1e3", "12.0" are not read as 16, 1000, 12). */
function readDecimalInteger(value: string, min: number, max: number): number | undefined {
  if (!/^\d{1,9}$/.test(value)) return undefined
  const n = Number(value)
  return n >= min && n <= max ? n : undefined
}

/** A whole number typed in decimal digits only, between `min` and `max`. */
export function decimalInteger(min: number, max: number, message: string) {
  return parsed((value) => readDecimalInteger(value, min, max), message)
}

/** The same, optional: empty becomes null. */
export function optionalDecimalInteger(min: number, max: number, message: string) {
  return parsed((value) => (value === '' ? null : readDecimalInteger(value, min, max)), message)
}

/** The id of a record, as a form or a URL sends it: anything else is refused before any query. */
export const recordId = z.string().refine(isRecordId, 'invalid')
