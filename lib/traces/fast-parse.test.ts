import { describe, expect, it } from 'vitest'
import { parseTraceBatch, parseTraceBatchFast } from './fast-parse'
import { traceBatchSchema } from './schemas'

const now = new Date('2026-11-30T12:00:00Z')
const valid = {
  traceId: 'a1b2c3d4-0000-4000-8000-000000000001',
  time: '2026-11-30T11:59:00Z',
  consumerInstitutionId: 'cmconsumer000000000000001',
  providerInstitutionId: 'cmprovider000000000000001',
  serviceCode: 'SRCEI-CEDULA',
  operation: 'consultarPersona',
  procedure: 'CPAT-1234',
  caseFileId: 'EXP-2026-1',
  result: 'OK',
  latencyMs: 120,
  messageSha256: 'AB'.repeat(32),
  subjectRun: '12.345.678-5',
}

/** One field changed (undefined: removed) for every case the fast path must treat as the schema does. */
const variants: Record<string, unknown>[] = [
  {},
  { caseFileId: null },
  { caseFileId: undefined },
  { subjectRun: null },
  { subjectRun: undefined },
  { subjectRun: '123456785' },
  { subjectRun: '12.345.678-6' },
  { subjectRun: 12345678 },
  { sensitive: true, consentId: 'CONS-1' },
  { sensitive: true },
  { sensitive: true, consentId: null },
  { sensitive: 'yes' },
  { sensitive: null },
  { sensitive: false, consentId: 'CONS-1' },
  { consentId: '' },
  { time: '2026-11-30T11:59:00.123456+03:00' },
  { time: '2026-11-30T08:59:00-03:00' },
  { time: '2026-02-29T10:00:00Z' },
  { time: '2026-02-30T10:00:00Z' },
  { time: '2026-04-31T10:00:00Z' },
  { time: '2026-11-30T24:00:00Z' },
  { time: '2026-11-30T11:60:00Z' },
  { time: '2026-11-30T11:59Z' },
  { time: '2026-11-30 11:59:00Z' },
  { time: '2026-11-30T11:59:00' },
  { time: '2026-11-30T12:04:59Z' },
  { time: '2026-11-30T12:05:01Z' },
  { time: '2025-11-30T12:00:01Z' },
  { time: '2025-11-30T11:59:59Z' },
  { time: 1764500000000 },
  { traceId: '' },
  { traceId: 'x'.repeat(100) },
  { traceId: 'x'.repeat(101) },
  { traceId: '-leading' },
  { traceId: 'with space' },
  { traceId: 'nul\u0000byte' },
  { consumerInstitutionId: 'cmprovider000000000000001' },
  { consumerInstitutionId: 'bad id' },
  { providerInstitutionId: 42 },
  { serviceCode: undefined },
  { operation: '' },
  { operation: 'x'.repeat(200) },
  { operation: 'x'.repeat(201) },
  { operation: 'tab\there' },
  { operation: 'consultar persona ñandú' },
  { procedure: 'x'.repeat(51) },
  { result: 'ok' },
  { result: 'TIMEOUT' },
  { latencyMs: -1 },
  { latencyMs: 0 },
  { latencyMs: 3_600_000 },
  { latencyMs: 3_600_001 },
  { latencyMs: 1.5 },
  { latencyMs: '120' },
  { latencyMs: Number.NaN },
  { messageSha256: 'ab'.repeat(31) },
  { messageSha256: 'zz'.repeat(32) },
  { extra: 'stripped' },
]

const withVariant = (variant: Record<string, unknown>) => {
  const record: Record<string, unknown> = { ...valid }
  for (const [key, value] of Object.entries(variant)) {
    if (value === undefined) delete record[key]
    else record[key] = value
  }
  return record
}

describe('the fast path of a batch', () => {
  it('accepts only what the schema accepts, with the same output', () => {
    let accepted = 0
    for (const variant of variants) {
      const body = { records: [withVariant(variant)] }
      const fast = parseTraceBatchFast(body, now)
      const slow = traceBatchSchema(now).safeParse(body)
      // Exactly the same set: the fast path never lets through what the schema refuses, and never
      // sends a valid batch to the slow schema.
      expect(fast !== null, JSON.stringify(variant)).toBe(slow.success)
      if (fast) {
        accepted++
        expect(fast, JSON.stringify(variant)).toStrictEqual(slow.data!.records)
      }
      // Either way the combined parse answers as the schema does.
      const combined = parseTraceBatch(body, now)
      expect(combined.success, JSON.stringify(variant)).toBe(slow.success)
    }
    // It must be the fast path for well-formed batches, not a path that always defers.
    expect(accepted).toBeGreaterThan(15)
  })

  it('defers to the schema for the batch rules: empty, too many, repeated trace ids, a body that is not an object', () => {
    const record = withVariant({})
    for (const body of [
      { records: [] },
      { records: Array.from({ length: 5_001 }, (_, i) => ({ ...record, traceId: `t-${i}` })) },
      { records: [record, { ...record }] },
      [record],
      null,
      { records: 'x' },
    ]) {
      expect(parseTraceBatchFast(body, now)).toBeNull()
      expect(parseTraceBatch(body, now).success).toBe(false)
    }
    // The same trace id at another time is another exchange.
    const twice = { records: [record, { ...record, time: '2026-11-30T11:58:00Z' }] }
    expect(parseTraceBatchFast(twice, now)).toHaveLength(2)
  })

  it('gives the schema’s reasons, per record, when a record is wrong', () => {
    const parsed = parseTraceBatch({ records: [withVariant({}), withVariant({ time: '2026-02-30T10:00:00Z' })] }, now)
    expect(parsed.success).toBe(false)
    if (!parsed.success) expect(parsed.error.issues.map((i) => i.path.join('/'))).toEqual(['records/1/time'])
  })
})
