import { describe, expect, it } from 'vitest'
import { db, dbPool } from '@/lib/db/client'
import { ingestTraces } from './ingest'
import { subjectHmac } from './subject'
import { traceScenario, wireRecord } from '@/test/support/traces'

async function storedFor(nodeId: string) {
  const { rows } = await dbPool().query<{ n: string }>(
    'SELECT count(*)::text AS n FROM traces.record WHERE reporter_node_id = $1',
    [nodeId],
  )
  return Number(rows[0]!.n)
}

describe('ingestTraces', () => {
  it('stores a valid batch, chained, with the RUN only as its keyed hash', async () => {
    const s = await traceScenario()
    await s.grantAccess()
    const records = [wireRecord(s), wireRecord(s, { subjectRun: null }), wireRecord(s, { result: 'TIMEOUT' })]
    const outcome = await ingestTraces(s.consumerNode, { records })
    expect(outcome.kind).toBe('stored')
    if (outcome.kind !== 'stored') return
    expect(outcome.answer).toMatchObject({ received: 3, stored: 3, withoutGrant: 0 })
    expect(outcome.answer.batches).toHaveLength(1)
    const { rows } = await dbPool().query<{ subject: string | null; batch: string }>(
      `SELECT encode(subject_hmac, 'hex') AS subject, (id / 10000)::text AS batch FROM traces.record
       WHERE reporter_node_id = $1 ORDER BY id`,
      [s.consumerNode.nodeId],
    )
    expect(rows.map((r) => r.subject)).toEqual([subjectHmac('12345678-5'), null, rows[2]!.subject])
    expect(JSON.stringify(rows)).not.toContain('12345678')
    const { rows: batches } = await dbPool().query('SELECT record_count FROM traces.batch WHERE id = $1', [
      outcome.answer.batches[0],
    ])
    expect(batches).toEqual([{ record_count: 3 }])
  })

  it('refuses the whole batch when one record is malformed, with a reason per record, storing nothing', async () => {
    const s = await traceScenario()
    const records = [
      wireRecord(s),
      wireRecord(s, { time: 'ayer' }),
      wireRecord(s),
      wireRecord(s, { subjectRun: '12.345.678-9', latencyMs: -1 }),
    ]
    const outcome = await ingestTraces(s.consumerNode, { records })
    expect(outcome.kind).toBe('invalid')
    if (outcome.kind !== 'invalid') return
    const pointers = outcome.error.issues.map((i) => `/${i.path.join('/')}`)
    expect(pointers).toEqual(
      expect.arrayContaining(['/records/1/time', '/records/3/subjectRun', '/records/3/latencyMs']),
    )
    expect(pointers).toHaveLength(3)
    expect(await storedFor(s.consumerNode.nodeId)).toBe(0)
  })

  it('refuses a batch naming a service the provider does not offer, storing nothing', async () => {
    const s = await traceScenario()
    const outcome = await ingestTraces(s.consumerNode, {
      records: [wireRecord(s), wireRecord(s, { serviceCode: 'NO-EXISTE' })],
    })
    expect(outcome).toMatchObject({
      kind: 'refused',
      status: 422,
      errors: [{ pointer: '/records/1/serviceCode', detail: 'El servicio no está en el catálogo.' }],
    })
    expect(await storedFor(s.consumerNode.nodeId)).toBe(0)
  })

  it("refuses a batch holding another institution's exchange (403), storing nothing", async () => {
    const s = await traceScenario()
    const outcome = await ingestTraces(s.outsiderNode, { records: [wireRecord(s)] })
    expect(outcome).toMatchObject({ kind: 'refused', status: 403, errors: [{ pointer: '/records/0' }] })
    const mixed = await ingestTraces(s.consumerNode, {
      records: [wireRecord(s), wireRecord({ ...s, consumer: s.outsider })],
    })
    expect(mixed).toMatchObject({ kind: 'refused', status: 403, errors: [{ pointer: '/records/1' }] })
    expect(await storedFor(s.consumerNode.nodeId)).toBe(0)
    expect(await storedFor(s.outsiderNode.nodeId)).toBe(0)
  })

  it('stores a re-sent batch once and answers as the first time', async () => {
    const s = await traceScenario()
    const records = Array.from({ length: 50 }, () => wireRecord(s))
    const first = await ingestTraces(s.consumerNode, { records })
    const again = await ingestTraces(s.consumerNode, { records })
    expect(first.kind).toBe('stored')
    expect(again).toEqual({ ...first, inserted: 0 })
    expect(await storedFor(s.consumerNode.nodeId)).toBe(50)
    // The provider's node reports the same exchanges: its own copies.
    const provider = await ingestTraces(s.providerNode, { records })
    expect(provider).toMatchObject({ kind: 'stored', inserted: 50, answer: { stored: 50 } })
  })

  it('stores racing copies of a batch once, and both get the same answer', async () => {
    const s = await traceScenario()
    const records = Array.from({ length: 200 }, () => wireRecord(s))
    const [a, b] = await Promise.all([
      ingestTraces(s.consumerNode, { records }),
      ingestTraces(s.consumerNode, { records }),
    ])
    if (a.kind !== 'stored' || b.kind !== 'stored') throw new Error('not stored')
    expect(a.answer).toEqual(b.answer)
    expect(a.answer.stored).toBe(200)
    expect(a.inserted + b.inserted).toBe(200)
    expect(await storedFor(s.consumerNode.nodeId)).toBe(200)
  })

  it('stores exchanges without a grant in force at their time, flagged, and tells DGD once a day', async () => {
    const s = await traceScenario()
    await s.grantAccess(new Date(Date.now() - 3_600_000))
    const before = new Date(Date.now() - 2 * 3_600_000)
    const outcome = await ingestTraces(s.consumerNode, {
      records: [wireRecord(s), wireRecord(s, {}, before), wireRecord(s, {}, before)],
    })
    expect(outcome).toMatchObject({ kind: 'stored', answer: { stored: 3, withoutGrant: 2 } })
    // The provider's report of an exchange is judged by the consumer's grant too.
    const provider = await ingestTraces(s.providerNode, { records: [wireRecord(s, {}, before)] })
    expect(provider).toMatchObject({ kind: 'stored', answer: { stored: 1, withoutGrant: 1 } })
    const notices = await db.notification.findMany({ where: { recipientId: s.dgd.id, kind: 'traces.ungranted' } })
    expect(notices.length).toBeLessThanOrEqual(1)
    const { rows } = await dbPool().query(
      'SELECT count(*)::int AS n FROM traces.ungranted_notice WHERE day = $1::date',
      [new Date().toISOString().slice(0, 10)],
    )
    expect(rows).toEqual([{ n: 1 }])
  })

  it("flags by the nodes' grant rule: the agreement's coming into force and a revoked grant count at the exchange's time", async () => {
    const s = await traceScenario()
    const grant = await s.grantAccess(new Date(Date.now() - 6 * 3_600_000))
    await db.service.update({ where: { id: s.service.id }, data: { requiresAgreement: true } })
    await db.agreement.create({
      data: {
        caseId: grant.caseId,
        kind: 'CONVENIO',
        status: 'IN_FORCE',
        legalBasis: 'Ley 19.880',
        purpose: 'Pruebas',
        procedure: 'CPAT-1234',
        dataRequested: 'Vigencia',
        expectedVolume: '100 al día',
        requestedById: s.dgd.id,
        inForceFrom: new Date(Date.now() - 4 * 3_600_000),
      },
    })
    const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000)
    // Granted 6 h ago, agreement in force 4 h ago, grant revoked 1 h ago.
    await db.accessGrant.update({ where: { id: grant.id }, data: { revokedAt: hoursAgo(1) } })
    const records = [5, 3, 0.5].map((h) => wireRecord(s, {}, hoursAgo(h)))
    const outcome = await ingestTraces(s.consumerNode, { records })
    expect(outcome).toMatchObject({ kind: 'stored', answer: { stored: 3, withoutGrant: 2 } })
    const { rows } = await dbPool().query<{ trace_id: string; grant_in_force: boolean }>(
      'SELECT trace_id, grant_in_force FROM traces.record WHERE reporter_node_id = $1',
      [s.consumerNode.nodeId],
    )
    const flag = new Map(rows.map((r) => [r.trace_id, r.grant_in_force]))
    expect(records.map((r) => flag.get(r.traceId))).toEqual([false, true, false])
  })

  it('refuses to change or delete a stored record, even as the owner', async () => {
    const s = await traceScenario()
    await ingestTraces(s.consumerNode, { records: [wireRecord(s)] })
    await expect(
      dbPool().query("UPDATE traces.record SET result = 'OK' WHERE reporter_node_id = $1", [s.consumerNode.nodeId]),
    ).rejects.toThrow(/append-only/)
    await expect(
      dbPool().query('DELETE FROM traces.record WHERE reporter_node_id = $1', [s.consumerNode.nodeId]),
    ).rejects.toThrow(/append-only/)
    await expect(dbPool().query('TRUNCATE traces.batch')).rejects.toThrow(/append-only/)
    expect(await storedFor(s.consumerNode.nodeId)).toBe(1)
    void db
  })
})
