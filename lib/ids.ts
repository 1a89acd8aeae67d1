import { notFound } from 'next/navigation'

/**
 * Record ids as the portal makes them (cuid: letters and digits). An id taken from a URL, a form or
 * an action's bound argument is checked with `isRecordId` before any query: a NUL byte, a stray
 * percent sign or a 20,000-character string is "not found", never a database error.
 */
const RECORD_ID = /^[A-Za-z0-9_-]{1,64}$/

export function isRecordId(value: unknown): value is string {
  return typeof value === 'string' && RECORD_ID.test(value)
}

/** For pages: the id from the URL, or the 404 page when it cannot be one. */
export function requireRecordId(id: string): string {
  if (!isRecordId(id)) notFound()
  return id
}
