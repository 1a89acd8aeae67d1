import type { PoolClient } from 'pg'
import { chainHash, GENESIS, leafHash, merkleRoot, type ChainedRecord } from './chain'
import { cursorRows, RowReader } from './cursor'

export type Break = {
  kind:
    | 'batch-altered'
    | 'batch-missing'
    | 'chain-broken'
    | 'head-mismatch'
    | 'published-head-mismatch'
    | 'records-altered'
    | 'records-missing'
    | 'records-added'
    | 'orphan-records'
  batchId?: string
  chainSeq?: string
  detail: string
}

export type Verification = {
  ok: boolean
  batches: number
  records: number
  /** The first breaks found, in the order the walk met them (at most `maxBreaks`). */
  breaks: Break[]
  head: { chainSeq: string; chain: string }
}

type BatchRow = {
  id: string
  chain_seq: string
  node_id: string
  institution_id: string
  received_at: Date
  record_count: number
  merkle_root: Buffer
  prev_chain: Buffer
  chain: Buffer
}

type RecordRow = {
  id: string
  batch_id: string
  time: Date
  trace_id: string
  reporter_node_id: string
  reporter_institution_id: string
  environment: string
  consumer_id: string
  provider_id: string
  service_code: string
  operation: string
  procedure: string
  case_file_id: string | null
  result: string
  latency_ms: number
  message_sha256: Buffer
  consent_id: string | null
  subject_hmac: Buffer | null
  grant_in_force: boolean
}

// bigints stay bigints (pg gives them as strings): an alias cast to text would make ORDER BY sort text.
const BATCH_COLUMNS = `id, chain_seq, node_id, institution_id, received_at, record_count, merkle_root, prev_chain, chain`
const RECORD_COLUMNS = `id, (id / 10000)::text AS batch_id, time, trace_id, reporter_node_id, reporter_institution_id,
  environment, consumer_id, provider_id, service_code, operation, procedure, case_file_id, result, latency_ms,
  message_sha256, consent_id, subject_hmac, grant_in_force`

export function toChained(row: RecordRow): ChainedRecord {
  return {
    id: row.id,
    time: row.time,
    traceId: row.trace_id,
    reporterNodeId: row.reporter_node_id,
    reporterInstitutionId: row.reporter_institution_id,
    environment: row.environment,
    consumerId: row.consumer_id,
    providerId: row.provider_id,
    serviceCode: row.service_code,
    operation: row.operation,
    procedure: row.procedure,
    caseFileId: row.case_file_id,
    result: row.result,
    latencyMs: row.latency_ms,
    messageSha256: row.message_sha256.toString('hex'),
    consentId: row.consent_id,
    subjectHmac: row.subject_hmac ? row.subject_hmac.toString('hex') : null,
    grantInForce: row.grant_in_force,
  }
}

const compareIds = (a: string, b: string) => {
  const x = BigInt(a)
  const y = BigInt(b)
  return x < y ? -1 : x > y ? 1 : 0
}

/**
 * Walks the whole registry in one snapshot, streaming, in time proportional to the records:
 * 1. the batches in chain order: each links to the one before and its chain value is recomputed
 *    from its metadata and Merkle root; the heads published in the audit log must be on the chain;
 * 2. batches and records merged by id: each batch's records, in position order, must give its root.
 * An altered, deleted, inserted or reordered record, batch or link is reported.
 */
export async function verifyTraces(
  client: PoolClient,
  options: {
    maxBreaks?: number
    onProgress?: (records: number) => void
    /** False when the caller has opened the transaction itself (it is rolled back at the end all the same). */
    openTransaction?: boolean
  } = {},
): Promise<Verification> {
  const maxBreaks = options.maxBreaks ?? 20
  const breaks: Break[] = []
  const report = (b: Break) => {
    if (breaks.length < maxBreaks) breaks.push(b)
  }
  let batches = 0
  let records = 0
  if (options.openTransaction !== false) await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
  try {
    const published = new Map<string, string>()
    const { rows: heads } = await client.query<{ after: { chainSeq?: string; chain?: string } | null }>(
      `SELECT "after" FROM "AuditEvent" WHERE action = 'traces.chain_head' ORDER BY at`,
    )
    for (const { after } of heads) if (after?.chainSeq && after.chain) published.set(after.chainSeq, after.chain)

    // 1. The chain.
    let previous: Buffer = GENESIS
    let expectedSeq = 1n
    for await (const page of cursorRows<BatchRow>(
      client,
      `SELECT ${BATCH_COLUMNS} FROM traces.batch ORDER BY chain_seq`,
    )) {
      for (const b of page) {
        batches++
        const seq = BigInt(b.chain_seq)
        if (seq !== expectedSeq)
          report({
            kind: 'batch-missing',
            batchId: b.id,
            chainSeq: b.chain_seq,
            detail: `Falta el lote ${expectedSeq} de la cadena (sigue el ${seq}).`,
          })
        if (!b.prev_chain.equals(previous))
          report({
            kind: 'chain-broken',
            batchId: b.id,
            chainSeq: b.chain_seq,
            detail: `El lote ${seq} no enlaza con el anterior.`,
          })
        const recomputed = chainHash(
          b.prev_chain,
          {
            id: b.id,
            chainSeq: b.chain_seq,
            nodeId: b.node_id,
            institutionId: b.institution_id,
            receivedAt: b.received_at,
            recordCount: b.record_count,
          },
          b.merkle_root,
        )
        if (!recomputed.equals(b.chain))
          report({
            kind: 'batch-altered',
            batchId: b.id,
            chainSeq: b.chain_seq,
            detail: `Los datos del lote ${seq} no corresponden a su valor en la cadena.`,
          })
        const publishedChain = published.get(b.chain_seq)
        if (publishedChain !== undefined && publishedChain !== b.chain.toString('hex'))
          report({
            kind: 'published-head-mismatch',
            batchId: b.id,
            chainSeq: b.chain_seq,
            detail: `El lote ${seq} no coincide con la cabeza de la cadena publicada en la bitácora.`,
          })
        published.delete(b.chain_seq)
        previous = b.chain
        expectedSeq = seq + 1n
      }
    }
    for (const seq of published.keys())
      report({
        kind: 'published-head-mismatch',
        chainSeq: seq,
        detail: `La cabeza publicada en la bitácora (lote ${seq}) ya no está en la cadena.`,
      })
    const { rows: headRows } = await client.query<{ chain_seq: string; chain: Buffer }>(
      'SELECT chain_seq::text, chain FROM traces.chain_head WHERE id = 1',
    )
    const head = headRows[0]!
    if (BigInt(head.chain_seq) !== expectedSeq - 1n || !head.chain.equals(previous))
      report({
        kind: 'head-mismatch',
        chainSeq: head.chain_seq,
        detail: `La cabeza de la cadena (lote ${head.chain_seq}) no es el último lote (${expectedSeq - 1n}).`,
      })

    // 2. The records of each batch against its root.
    const batchReader = new RowReader(
      cursorRows<BatchRow>(client, `SELECT ${BATCH_COLUMNS} FROM traces.batch ORDER BY id`, [], 1_000),
    )
    const recordReader = new RowReader(
      cursorRows<RecordRow>(client, `SELECT ${RECORD_COLUMNS} FROM traces.record ORDER BY id`),
    )
    for (;;) {
      const [b, r] = [await batchReader.peek(), await recordReader.peek()]
      if (!b && !r) break
      if (r && (!b || compareIds(r.batch_id, b.id) < 0)) {
        // Records of a batch that is not in the chain.
        const orphanBatch = r.batch_id
        let count = 0
        while ((await recordReader.peek())?.batch_id === orphanBatch) {
          await recordReader.next()
          count++
          records++
        }
        report({
          kind: 'orphan-records',
          batchId: orphanBatch,
          detail: `${count} registro(s) con lote ${orphanBatch}, que no está en la cadena.`,
        })
        continue
      }
      await batchReader.next()
      const leaves: Buffer[] = []
      while (r && (await recordReader.peek())?.batch_id === b!.id) {
        leaves.push(leafHash(toChained((await recordReader.next())!)))
        records++
      }
      options.onProgress?.(records)
      const batch = b!
      if (leaves.length < batch.record_count)
        report({
          kind: 'records-missing',
          batchId: batch.id,
          chainSeq: batch.chain_seq,
          detail: `Al lote ${batch.chain_seq} le faltan ${batch.record_count - leaves.length} de sus ${batch.record_count} registros.`,
        })
      else if (leaves.length > batch.record_count)
        report({
          kind: 'records-added',
          batchId: batch.id,
          chainSeq: batch.chain_seq,
          detail: `El lote ${batch.chain_seq} tiene ${leaves.length - batch.record_count} registro(s) más de los ${batch.record_count} encadenados.`,
        })
      else if (!merkleRoot(leaves).equals(batch.merkle_root))
        report({
          kind: 'records-altered',
          batchId: batch.id,
          chainSeq: batch.chain_seq,
          detail: `Los registros del lote ${batch.chain_seq} fueron alterados o reordenados: su raíz de Merkle no coincide.`,
        })
    }
    return {
      ok: breaks.length === 0,
      batches,
      records,
      breaks,
      head: { chainSeq: head.chain_seq, chain: head.chain.toString('hex') },
    }
  } finally {
    await client.query('ROLLBACK').catch(() => {})
  }
}
