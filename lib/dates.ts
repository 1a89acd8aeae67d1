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
  // `hour12: false` in es-CL writes the first hour after midnight as "24:02"; h23 writes "00:02".
  hourCycle: 'h23',
})

const calendarDateFormat = new Intl.DateTimeFormat(locale, {
  timeZone: 'UTC',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
})

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

/** Whether year, month and day name a day of the calendar ("2027-02-30" does not), within sane years. */
function isCalendarDay(year: number, month: number, day: number): boolean {
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12 || day < 1) return false
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate()
}

/** Dates outside these years are typing mistakes, not plans: refused rather than stored. */
export const MIN_YEAR = 1900
export const MAX_YEAR = 2199

/**
 * A wall-clock time typed in Chile ("2026-11-25T10:00", from an <input type="datetime-local">) as an
 * instant. Null when malformed, impossible ("2026-13-45T25:61") or skipped by the change to summer
 * time (the hour that does not exist in Chile that night).
 */
export function parseChileDateTime(local: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local)
  if (!match) return null
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number]
  if (!isCalendarDay(y, mo, d) || h > 23 || mi > 59) return null
  const naive = Date.UTC(y, mo - 1, d, h, mi)
  // Two passes settle the offset across a daylight-saving change.
  let instant = naive - santiagoOffsetMinutes(new Date(naive)) * 60_000
  instant = naive - santiagoOffsetMinutes(new Date(instant)) * 60_000
  const value = new Date(instant)
  // A time inside the hour skipped at the start of summer time reads back as another time: refused.
  return toChileDateTimeInput(value) === local ? value : null
}

/** A calendar date ("2026-11-25") as midnight UTC, the way @db.Date columns hold it. Null when it does not exist. */
export function parseIsoDate(date: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  if (!match) return null
  const [, y, mo, d] = match.map(Number) as [number, number, number, number]
  return isCalendarDay(y, mo, d) ? new Date(Date.UTC(y, mo - 1, d)) : null
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
