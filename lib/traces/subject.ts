import { createHmac } from 'node:crypto'
import { env } from '@/lib/env'

/**
 * A person's RUN is never stored: the registry keeps HMAC-SHA256(TRACE_RUN_KEY, normalized RUN), so
 * the person's own records can be found (the same RUN gives the same value) while nobody holding only
 * the table can enumerate the ~25 million possible RUNs back to people.
 */

/** Used only where the portal runs with demo data or under test, never with real records. */
const DEMO_KEY = 'pisee-demo-trace-run-key-not-for-real-records'

export class MissingTraceKeyError extends Error {
  constructor() {
    super('TRACE_RUN_KEY is not set')
    this.name = 'MissingTraceKeyError'
  }
}

export function traceRunKey(): string {
  if (env.TRACE_RUN_KEY) return env.TRACE_RUN_KEY
  if (env.NODE_ENV !== 'production' || env.DEMO_MODE) return DEMO_KEY
  throw new MissingTraceKeyError()
}

/** Hex HMAC of a normalized RUN ("12345678-5"). */
export function subjectHmac(normalizedRun: string, key = traceRunKey()): string {
  return createHmac('sha256', key).update(normalizedRun).digest('hex')
}
