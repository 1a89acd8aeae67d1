import { locale, timeZone } from '@/lib/i18n/config'

// Dates are always shown in Chilean time, whatever the server's or the browser's zone.
const dateFormat = new Intl.DateTimeFormat(locale, { timeZone, day: '2-digit', month: '2-digit', year: 'numeric' })
const dateTimeFormat = new Intl.DateTimeFormat(locale, {
  timeZone,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
})

const calendarDateFormat = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', day: '2-digit', month: '2-digit', year: 'numeric' })

/** A calendar date (a @db.Date column, midnight UTC) as written, with no time-zone shift: "22-12-2026". */
export function formatCalendarDate(date: Date): string {
  return calendarDateFormat.format(date)
}

/** An instant's date in Chile: "22-11-2026". */
export function formatDate(date: Date): string {
  return dateFormat.format(date)
}

/** "22-11-2026, 05:45" in America/Santiago. */
export function formatDateTime(date: Date): string {
  return dateTimeFormat.format(date)
}

const partsFormat = new Intl.DateTimeFormat('en-US', {
  timeZone,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
})

/** Minutes that America/Santiago is ahead of UTC at `instant` (negative: −180 in summer, −240 in winter). */
function santiagoOffsetMinutes(instant: Date): number {
  const parts = Object.fromEntries(partsFormat.formatToParts(instant).map((p) => [p.type, p.value]))
  const asUtc = Date.UTC(+parts.year!, +parts.month! - 1, +parts.day!, +parts.hour!, +parts.minute!, +parts.second!)
  return Math.round((asUtc - instant.getTime()) / 60_000)
}

/**
 * A wall-clock time typed in Chile ("2026-11-25T10:00", from an <input type="datetime-local">) as an
 * instant. Null when malformed.
 */
export function parseChileDateTime(local: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local)
  if (!match) return null
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number]
  const naive = Date.UTC(y, mo - 1, d, h, mi)
  if (Number.isNaN(naive)) return null
  // Two passes settle the offset across a daylight-saving change.
  let instant = naive - santiagoOffsetMinutes(new Date(naive)) * 60_000
  instant = naive - santiagoOffsetMinutes(new Date(instant)) * 60_000
  return new Date(instant)
}

/** A calendar date ("2026-11-25") as midnight UTC, the way @db.Date columns hold it. */
export function parseIsoDate(date: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return null
  const value = new Date(`${date}T00:00:00Z`)
  return Number.isNaN(value.getTime()) ? null : value
}

const localInputFormat = new Intl.DateTimeFormat('sv-SE', { timeZone, dateStyle: 'short', timeStyle: 'short' })

/** An instant as a Chilean wall-clock value for <input type="datetime-local">: "2026-11-22T05:45". */
export function toChileDateTimeInput(date: Date): string {
  return localInputFormat.format(date).replace(' ', 'T')
}

const isoDateInChile = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })

/**
 * Today's calendar date in Chile, as midnight UTC (the way @db.Date columns hold dates). Whatever
 * is in force "until" or "from" a date is judged against this, never against the UTC instant.
 */
export function todayInChile(now: Date = new Date()): Date {
  return new Date(`${isoDateInChile.format(now)}T00:00:00Z`)
}
