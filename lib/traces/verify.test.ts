import type { PoolClient } from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dbPool } from '@/lib/db/client'
import { ingestTraces } from './ingest'
import { runTraceChainJob } from './jobs'
import { traceScenario, wireRecord } from '@/test/support/traces'
import { verifyTraces } from './verify'

/**
 * The tamper test: each case changes the registry directly as a superuser, bypassing the append-only
 * trigger (session_replication_role = replica), inside a transaction the verifier then runs in and
 * rolls back — so each case starts again from the untouched registry.
 */
let batchId: string
let client: PoolClient

async function tampered(...statements: string[]) {
  await client.query('BEGIN')
  await client.query('SET LOCAL session_replication_role = replica')
  for (const sql of statements) await client.query(sql)
  return verifyTraces(client, { openTransaction: false }) // its ROLLBACK undoes the tampering
}

describe('verifyTraces', () => {
  beforeAll(async () => {
    const s = await traceScenario()
    const first = await ingestTraces(s.consumerNode, { records: Array.from({ length: 5 }, () => wireRecord(s)) })
    const second = await ingestTraces(s.providerNode, { records: Array.from({ length: 7 }, () => wireRecord(s)) })
    if (first.kind !== 'stored' || second.kind !== 'stored') throw new Error('not stored')
    batchId = second.answer.batches[0]!
    await ingestTraces(s.consumerNode, { records: Array.from({ length: 3 }, () => wireRecord(s)) })
    client = await dbPool().connect()
  })
  afterAll(() => client.release())

  it('reports every record valid when nothing was touched', async () => {
    const result = await verifyTraces(client)
    expect(result.breaks).toEqual([])
    expect(result.ok).toBe(true)
    expect(result.records).toBeGreaterThanOrEqual(15)
    const { rows } = await client.query<{ n: string }>('SELECT count(*)::text AS n FROM traces.record')
    expect(result.records).toBe(Number(rows[0]!.n))
  })

  it('reports an altered record', async () => {
    const result = await tampered(`UPDATE traces.record SET latency_ms = latency_ms + 1 WHERE id = ${batchId}0002`)
    expect(result.ok).toBe(false)
    expect(result.breaks).toEqual([expect.objectContaining({ kind: 'records-altered', batchId })])
  })

  it('reports a deleted record', async () => {
    const result = await tampered(`DELETE FROM traces.record WHERE id = ${batchId}0006`)
    expect(result.breaks).toEqual([expect.objectContaining({ kind: 'records-missing', batchId })])
  })

  it('reports an inserted record', async () => {
    const result = await tampered(
      `INSERT INTO traces.record SELECT ${batchId}0099, time, trace_id || '-x', reporter_node_id, reporter_institution_id,
         environment, consumer_id, provider_id, service_code, operation, procedure, case_file_id, result, latency_ms,
         message_sha256, consent_id, subject_hmac, grant_in_force, received_at FROM traces.record WHERE id = ${batchId}0001`,
    )
    expect(result.breaks).toEqual([expect.objectContaining({ kind: 'records-added', batchId })])
  })

  it('reports reordered records', async () => {
    const a = `${batchId}0001`
    const b = `${batchId}0003`
    const result = await tampered(
      `UPDATE traces.record SET id = -1 WHERE id = ${a}`,
      `UPDATE traces.record SET id = ${a} WHERE id = ${b}`,
      `UPDATE traces.record SET id = ${b} WHERE id = -1`,
    )
    expect(result.breaks).toEqual([expect.objectContaining({ kind: 'records-altered', batchId })])
  })

  it('reports a removed batch and records whose batch is not in the chain', async () => {
    const result = await tampered(`DELETE FROM traces.batch WHERE id = ${batchId}`)
    const kinds = result.breaks.map((b) => b.kind)
    expect(kinds).toEqual(expect.arrayContaining(['batch-missing', 'chain-broken', 'orphan-records']))
  })

  it('reports a batch whose records and root were rewritten together', async () => {
    const result = await tampered(
      `UPDATE traces.record SET latency_ms = 1 WHERE id / 10000 = ${batchId}`,
      `UPDATE traces.batch SET merkle_root = sha256(merkle_root) WHERE id = ${batchId}`,
    )
    expect(result.breaks.map((b) => b.kind)).toEqual(expect.arrayContaining(['batch-altered', 'records-altered']))
  })

  it('reports a chain rewritten after its head was published in the audit log', async () => {
    client.release() // the embedded database has one connection
    await runTraceChainJob(new Date())
    client = await dbPool().connect()
    const { rows } = await client.query<{ chain_seq: string }>('SELECT chain_seq::text FROM traces.chain_head')
    const seq = rows[0]!.chain_seq
    const result = await tampered(`UPDATE traces.batch SET chain = sha256(chain) WHERE chain_seq = ${seq}`)
    expect(result.breaks.map((b) => b.kind)).toEqual(expect.arrayContaining(['published-head-mismatch']))
    expect((await verifyTraces(client)).ok).toBe(true)
  })
})
