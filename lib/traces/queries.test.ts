import { describe, expect, it } from 'vitest'
import { loadViewer } from '@/lib/auth/load-viewer'
import { db } from '@/lib/db/client'
import { createCentralPerson, createMember, createService } from '@/prisma/factories'
import { ingestTraces } from './ingest'
import { exportTraces, searchTraces, traceRecord } from './queries'
import { parseTraceSearch } from './search-params'
import { traceScenario, wireRecord } from '@/test/support/traces'

const viewer = async (id: string) => (await loadViewer(id))!

async function csvOf(stream: ReadableStream<Uint8Array> | null) {
  return stream ? await new Response(stream).text() : null
}

describe('trace search', () => {
  it('shows an institution only the records it is party to, in the page, the record page and the CSV', async () => {
    const s = await traceScenario()
    const other = await traceScenario()
    const ours = Array.from({ length: 3 }, () => wireRecord(s))
    await ingestTraces(s.consumerNode, { records: ours })
    await ingestTraces(s.providerNode, { records: [ours[0]] })
    const theirs = Array.from({ length: 2 }, () => wireRecord(other))
    const stored = await ingestTraces(other.consumerNode, { records: theirs })
    if (stored.kind !== 'stored') throw new Error('not stored')

    const consumerTech = await viewer((await createMember(db, s.consumer.id, 'TECHNICAL_ADMIN')).id)
    const outsider = await viewer((await createMember(db, s.outsider.id, 'CTD')).id)
    const auditor = await viewer((await createCentralPerson(db, 'AUDITOR')).id)

    const page = (await searchTraces(consumerTech, {}))!
    const traceIds = new Set(page.rows.map((r) => r.traceId))
    expect(traceIds).toEqual(new Set(ours.map((r) => r.traceId)))
    expect(page.rows).toHaveLength(4) // three consumer reports and one provider report
    // Asking for another institution's view falls back to one's own.
    const sneaky = (await searchTraces(consumerTech, { inst: other.consumer.id }))!
    expect(sneaky.rows.every((r) => r.consumerId === s.consumer.id || r.providerId === s.consumer.id)).toBe(true)

    expect((await searchTraces(outsider, {}))!.rows).toEqual([])
    const csv = (await csvOf(exportTraces(consumerTech, {})))!
    expect(csv.trim().split('\r\n')).toHaveLength(1 + 4)
    for (const r of theirs) expect(csv).not.toContain(r.traceId)
    expect(await csvOf(exportTraces(outsider, {}))).not.toContain(ours[0]!.traceId)

    const theirId = (await searchTraces(auditor, { traceId: theirs[0]!.traceId }))!.rows[0]!.id
    expect(await traceRecord(consumerTech, theirId)).toBeNull()
    expect(await traceRecord(auditor, theirId)).not.toBeNull()
    const both = await traceRecord(consumerTech, page.rows.find((r) => r.traceId === ours[0]!.traceId)!.id)
    expect(both!.reports.map((r) => r.reporterInstitutionId).sort()).toEqual([s.consumer.id, s.provider.id].sort())
  })

  it('filters and pages with a keyset cursor through the whole result, each record once', async () => {
    const s = await traceScenario()
    const second = await createService(db, s.provider.id, { requiresAgreement: false })
    const base = Date.now() - 3_600_000
    const records = Array.from({ length: 120 }, (_, i) =>
      wireRecord(
        s,
        { result: i % 2 ? 'OK' : 'TIMEOUT', serviceCode: i % 3 ? s.service.code : second.code },
        new Date(base + (i % 7) * 1000),
      ),
    )
    await ingestTraces(s.consumerNode, { records })
    const auditor = await viewer((await createCentralPerson(db, 'AUDITOR')).id)
    const search = parseTraceSearch({ counterpart: s.consumer.id, result: 'TIMEOUT', bogus: 'x', from: 'no' })
    expect(search).toEqual({ counterpart: s.consumer.id, result: 'TIMEOUT' })
    const seen: string[] = []
    let after: { time: Date; id: string } | undefined
    for (;;) {
      const page = (await searchTraces(auditor, { ...search, after }))!
      seen.push(...page.rows.map((r) => r.traceId))
      if (!page.next) break
      after = page.next
    }
    expect(seen).toHaveLength(60)
    expect(new Set(seen).size).toBe(60)
    const filtered = (await searchTraces(auditor, { counterpart: s.consumer.id, service: second.code }))!
    expect(filtered.rows).toHaveLength(40)
  })

  it('drops impossible filters and ids instead of sending them to the database', async () => {
    const auditor = await viewer((await createCentralPerson(db, 'AUDITOR')).id)
    const search = parseTraceSearch({
      from: '2026-02-30',
      to: '2026-13-01',
      after: '1764500000000_99999999999999999999',
      traceId: 'a\u0000b',
      result: 'MAYBE',
      counterpart: "x' OR 1=1 --",
    })
    expect(search).toEqual({})
    expect(parseTraceSearch({ from: '2024-02-29', to: '2026-11-30' })).toEqual({ from: '2024-02-29', to: '2026-11-30' })
    expect((await searchTraces(auditor, search))!.rows).toBeDefined()
    for (const id of ['99999999999999999999', '9223372036854775808', '1e5', '-1', '']) {
      expect(await traceRecord(auditor, id)).toBeNull()
    }
    expect(await csvOf(exportTraces(auditor, search))).toMatch(/^\uFEFF?id,fecha_hora,/)
  })
})
