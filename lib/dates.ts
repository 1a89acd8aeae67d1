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

/** "22-11-2026" */
export function formatDate(date: Date): string {
  return dateFormat.format(date)
}

/** "22-11-2026, 05:45" in America/Santiago. */
export function formatDateTime(date: Date): string {
  return dateTimeFormat.format(date)
}
