import { z } from 'zod'
import { normalizeRut } from '@/lib/chile/rut'
import { isRecordId } from '@/lib/ids'
import {
  MAX_BATCH_RECORDS,
  MAX_CLOCK_SKEW_MS,
  MAX_RECORD_AGE_DAYS,
  traceBatchSchema,
  traceResults,
  type TraceRecordInput,
} from './schemas'

/**
 * The ingest's fast path for a well-formed batch (docs/decisions/019-traces-scale.md): the zod schema
 * (lib/traces/schemas.ts) costs ≈ 30 µs a record — 150 ms of a 5,000-record batch — so a valid batch
 * is checked by this hand-written equivalent, which accepts exactly what the schema accepts and gives
 * the same output. Anything it does not accept (an error, or a form it does not handle) goes to the
 * schema, which then gives the Spanish reason per record. fast-parse.test.ts compares both.
 */

const identifier = /^[A-Za-z0-9][A-Za-z0-9._:\-/]*$/
const controlCharacters = /[\u0000-\u001f\u007f]/
const sha256Hex = /^[0-9a-fA-F]{64}$/
// The very pattern of the schema's `z.iso.datetime({ offset: true })`.
const isoDateTime = z.regexes.datetime({ offset: true })
const results = new Set<string>(traceResults)

const token = (value: unknown, max: number): value is string =>
  typeof value === 'string' && value.length >= 1 && value.length <= max && identifier.test(value)

/** null, undefined, or a valid token: what `token(...).nullish()` accepts. */
const nullishToken = (value: unknown, max: number): boolean => value == null || token(value, max)

function record(input: unknown, earliest: number, latest: number): TraceRecordInput | null {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return null
  const r = input as Record<string, unknown>
  const { traceId, time, consumerInstitutionId, providerInstitutionId, serviceCode, operation, procedure } = r
  const { caseFileId, result, latencyMs, messageSha256, sensitive, consentId, subjectRun } = r
  if (!token(traceId, 100)) return null
  if (typeof time !== 'string' || !isoDateTime.test(time)) return null
  const date = new Date(time)
  const ms = date.getTime()
  if (!(ms <= latest && ms >= earliest)) return null
  if (!isRecordId(consumerInstitutionId) || !isRecordId(providerInstitutionId)) return null
  if (consumerInstitutionId === providerInstitutionId) return null
  if (!token(serviceCode, 100) || !token(procedure, 50)) return null
  if (typeof operation !== 'string' || operation.length < 1 || operation.length > 200) return null
  if (controlCharacters.test(operation)) return null
  if (!nullishToken(caseFileId, 100) || !nullishToken(consentId, 100)) return null
  if (typeof result !== 'string' || !results.has(result)) return null
  if (typeof latencyMs !== 'number' || !Number.isSafeInteger(latencyMs) || latencyMs < 0 || latencyMs > 3_600_000)
    return null
  if (typeof messageSha256 !== 'string' || !sha256Hex.test(messageSha256)) return null
  if (sensitive !== undefined && typeof sensitive !== 'boolean') return null
  if (sensitive && !consentId) return null
  let run: string | null | undefined = subjectRun as null | undefined
  if (subjectRun != null) {
    if (typeof subjectRun !== 'string') return null
    run = normalizeRut(subjectRun)
    if (!run) return null
  }
  const output: TraceRecordInput = {
    traceId,
    time: date,
    consumerInstitutionId,
    providerInstitutionId,
    serviceCode,
    operation,
    procedure,
    result: result as TraceRecordInput['result'],
    latencyMs,
    messageSha256: messageSha256.toLowerCase(),
    sensitive: sensitive ?? false,
  }
  // The schema's `.nullish()` keys: absent stays absent, null stays null.
  if ('caseFileId' in r) output.caseFileId = caseFileId as string | null | undefined
  if ('consentId' in r) output.consentId = consentId as string | null | undefined
  if ('subjectRun' in r) output.subjectRun = run
  return output
}

/** The batch's records when every one is valid (the schema's output), or null: ask the schema. */
export function parseTraceBatchFast(body: unknown, now: Date): TraceRecordInput[] | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null
  const list = (body as { records?: unknown }).records
  if (!Array.isArray(list) || list.length < 1 || list.length > MAX_BATCH_RECORDS) return null
  const latest = now.getTime() + MAX_CLOCK_SKEW_MS
  const earliest = now.getTime() - MAX_RECORD_AGE_DAYS * 86_400_000
  const records: TraceRecordInput[] = new Array(list.length)
  const seen = new Set<string>()
  for (let i = 0; i < list.length; i++) {
    const r = record(list[i], earliest, latest)
    if (!r) return null
    const key = `${r.traceId}\u0000${r.time.getTime()}`
    if (seen.has(key)) return null
    seen.add(key)
    records[i] = r
  }
  return records
}

export type ParsedBatch = { success: true; records: TraceRecordInput[] } | { success: false; error: z.ZodError }

/** A batch checked by the fast path, or by the schema when the fast path does not accept it. */
export function parseTraceBatch(body: unknown, now: Date): ParsedBatch {
  const fast = parseTraceBatchFast(body, now)
  if (fast) return { success: true, records: fast }
  const parsed = traceBatchSchema(now).safeParse(body)
  return parsed.success ? { success: true, records: parsed.data.records } : { success: false, error: parsed.error }
}
