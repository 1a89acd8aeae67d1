import { z } from 'zod'
import { isRecordId } from '@/lib/ids'
import { traceResults } from './schemas'

/** The trace search's URL: filters, and the keyset cursor ("after") of the page shown. */
export const TRACE_PAGE_SIZE = 50

const code = z
  .string()
  .trim()
  .max(100)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:\-/]*$/)
/** A calendar date that exists ("2026-02-30" is dropped, not sent to the database to fail there). */
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`)
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value && value >= '1970-01-01'
  })
/** "<time in ms>_<record id>": the last row of the previous page (ids fit a bigint: at most 18 digits). */
const cursor = z
  .string()
  .regex(/^\d{1,15}_\d{1,18}$/)
  .transform((value) => {
    const [ms, id] = value.split('_') as [string, string]
    return { time: new Date(Number(ms)), id }
  })

const fields = {
  from: day,
  to: day,
  counterpart: z.string().refine(isRecordId),
  inst: z.string().refine(isRecordId),
  service: code,
  procedure: code,
  result: z.enum(traceResults),
  traceId: code,
  caseFileId: code,
  grant: z.literal('none'),
  after: cursor,
}

type Fields = typeof fields
export type TraceSearch = { [K in keyof Fields]?: z.output<Fields[K]> }

/** Reads the search from URL parameters; a malformed value is dropped (never an error). */
export function parseTraceSearch(params: Record<string, string | string[] | undefined>): TraceSearch {
  const search: Record<string, unknown> = {}
  for (const [key, schema] of Object.entries(fields)) {
    const raw = params[key]
    const value = Array.isArray(raw) ? raw[0] : raw
    if (value === undefined || value === '') continue
    const parsed = (schema as z.ZodType).safeParse(value)
    if (parsed.success) search[key] = parsed.data
  }
  return search as TraceSearch
}

/** The URL parameters of a search (the cursor dropped unless `after` is given). */
export function traceSearchParams(search: TraceSearch, after?: { time: Date; id: string } | null): URLSearchParams {
  const params = new URLSearchParams()
  for (const key of Object.keys(fields) as (keyof Fields)[]) {
    if (key === 'after') continue
    const value = search[key]
    if (value !== undefined) params.set(key, String(value))
  }
  if (after) params.set('after', `${after.time.getTime()}_${after.id}`)
  return params
}
