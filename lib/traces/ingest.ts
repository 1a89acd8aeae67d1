import 'server-only'
import type { PoolClient } from 'pg'
import type { z } from 'zod'
import { dbPool } from '@/lib/db/client'
import { leafHash, merkleRoot, chainHash, type ChainedRecord } from './chain'
import { grantChecker } from './grant-check'
import { noteUngrantedExchanges } from './ungranted'
import { parseTraceBatch } from './fast-parse'
import type { TraceRecordInput } from './schemas'
import { subjectHmac, traceRunKey } from './subject'

/** Who reports: the node authenticated by its credential (lib/nodes/authenticate.ts's NodeCaller). */
export type Reporter = { nodeId: string; institutionId: string; environment: 'DEVELOPMENT' | 'PRODUCTION' }

export type RecordError = { pointer: string; detail: string }

/** What the node is told: computed from the stored rows, so a re-sent or racing copy gets the same. */
export type IngestAnswer = {
  /** Records in the batch. */
  received: number
  /** Of them, stored (now or by an earlier copy of the batch). */
  stored: number
  /** Of the stored, exchanges with no access grant in force at their time (DGD is told). */
  withoutGrant: number
  /** The batches of the chain holding them. */
  batches: string[]
}

export type IngestOutcome =
  | { kind: 'stored'; answer: IngestAnswer; inserted: number }
  | { kind: 'invalid'; error: z.ZodError }
  | { kind: 'refused'; status: 403 | 422; title: string; detail: string; errors: RecordError[] }

/** Positions in a batch: the record id is batch id × this + position (MAX_BATCH_RECORDS < it). */
const ID_STRIDE = 10_000

const knownPartitions = new Set<string>()

async function ensurePartitions(client: PoolClient, records: TraceRecordInput[]): Promise<void> {
  // Months as numbers (year × 12 + month): no string per record.
  const months = new Set<number>()
  for (const r of records) months.add(r.time.getUTCFullYear() * 12 + r.time.getUTCMonth())
  for (const month of months) {
    const key = `${Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}`
    if (knownPartitions.has(key)) continue
    await client.query('SELECT traces.ensure_partition($1::date)', [`${key}-01`])
    knownPartitions.add(key)
  }
}

/**
 * A PostgreSQL array literal of text values, each quoted; null elements as NULL. For columns whose
 * values the batch's validation limited to tokens (no quote, backslash or control character), this
 * is what `pg` would send, built without its per-element escaping.
 */
function tokenArray(values: (string | null)[]): string {
  let out = '{'
  for (let i = 0; i < values.length; i++) {
    const v = values[i]
    if (i > 0) out += ','
    out += v === null ? 'NULL' : `"${v}"`
  }
  return `${out}}`
}

/** Everything the ingest checks against the portal's data, one query each, before it writes. */
async function checkReferences(
  client: PoolClient,
  reporter: Reporter,
  records: TraceRecordInput[],
): Promise<RecordError[]> {
  const codes = [...new Set(records.map((r) => r.serviceCode))]
  const institutionIds = [...new Set(records.flatMap((r) => [r.consumerInstitutionId, r.providerInstitutionId]))]
  const [services, institutions] = await Promise.all([
    client.query<{ code: string; providerId: string }>(
      'SELECT code, "providerId" FROM "Service" WHERE code = ANY($1::text[])',
      [codes],
    ),
    client.query<{ id: string }>('SELECT id FROM "Institution" WHERE id = ANY($1::text[])', [institutionIds]),
  ])
  const providerOf = new Map(services.rows.map((s) => [s.code, s.providerId]))
  const existing = new Set(institutions.rows.map((i) => i.id))
  const errors: RecordError[] = []
  // Checked once per distinct (consumer, provider, service); the records are walked only for reasons.
  const checked = new Map<string, boolean>()
  records.forEach((r, i) => {
    const triple = `${r.consumerInstitutionId} ${r.providerInstitutionId} ${r.serviceCode}`
    let fine = checked.get(triple)
    if (fine === undefined) {
      fine =
        existing.has(r.consumerInstitutionId) &&
        existing.has(r.providerInstitutionId) &&
        providerOf.get(r.serviceCode) === r.providerInstitutionId
      checked.set(triple, fine)
    }
    if (fine) return
    if (!existing.has(r.consumerInstitutionId))
      errors.push({ pointer: `/records/${i}/consumerInstitutionId`, detail: 'La institución consumidora no existe.' })
    if (!existing.has(r.providerInstitutionId))
      errors.push({ pointer: `/records/${i}/providerInstitutionId`, detail: 'La institución proveedora no existe.' })
    const provider = providerOf.get(r.serviceCode)
    if (provider === undefined)
      errors.push({ pointer: `/records/${i}/serviceCode`, detail: 'El servicio no está en el catálogo.' })
    else if (provider !== r.providerInstitutionId)
      errors.push({
        pointer: `/records/${i}/serviceCode`,
        detail: 'El servicio no pertenece a la institución proveedora indicada.',
      })
  })
  void reporter
  return errors
}

/**
 * Stores a node's batch of trace records, whole or not at all (issue 11): validates every record
 * first; refuses the batch when any record is malformed, unknown to the catalog, or about an exchange
 * the node's institution is not party to; otherwise inserts the new records with one batched
 * statement (already stored trace ids are skipped: a re-send is idempotent), chains the batch under
 * the chain head's row lock, commits, and only then answers from the stored rows.
 */
export async function ingestTraces(reporter: Reporter, body: unknown, now = new Date()): Promise<IngestOutcome> {
  const parsed = parseTraceBatch(body, now)
  if (!parsed.success) return { kind: 'invalid', error: parsed.error }
  const records = parsed.records

  const notParty: RecordError[] = []
  records.forEach((r, i) => {
    if (r.consumerInstitutionId !== reporter.institutionId && r.providerInstitutionId !== reporter.institutionId)
      notParty.push({
        pointer: `/records/${i}`,
        detail: 'La institución del nodo no es parte de este intercambio (ni consumidora ni proveedora).',
      })
  })
  if (notParty.length > 0)
    return {
      kind: 'refused',
      status: 403,
      title: 'Intercambios ajenos',
      detail: 'Un nodo solo informa intercambios de los que su institución es parte; no se guardó ningún registro.',
      errors: notParty,
    }

  // Before any connection is taken: a missing key is the operator's error, reported as such.
  const key = records.some((r) => r.subjectRun) ? traceRunKey() : ''
  const hmacOf = new Map<string, string>()
  const hmacs = records.map((r) => {
    if (!r.subjectRun) return null
    let hmac = hmacOf.get(r.subjectRun)
    if (hmac === undefined) hmacOf.set(r.subjectRun, (hmac = subjectHmac(r.subjectRun, key)))
    return hmac
  })

  let answer: IngestAnswer
  let allNew: IngestAnswer | null = null
  let inserted = 0
  const client = await dbPool().connect()
  try {
    const referenceErrors = await checkReferences(client, reporter, records)
    if (referenceErrors.length > 0)
      return {
        kind: 'refused',
        status: 422,
        title: 'Datos no válidos',
        detail: 'El lote tiene registros que no calzan con el catálogo; no se guardó ninguno.',
        errors: referenceErrors,
      }
    const inForce = await grantChecker(client, reporter.environment, records)
    await ensurePartitions(client, records)

    const receivedAt = now
    await client.query('BEGIN')
    try {
      const { rows: seq } = await client.query<{ id: string }>("SELECT nextval('traces.batch_id_seq')::text AS id")
      const batchId = Number(seq[0]!.id)
      const firstId = batchId * ID_STRIDE
      if (!Number.isSafeInteger(firstId + ID_STRIDE)) throw new Error(`batch id ${batchId} out of range`)
      const chained: ChainedRecord[] = records.map((r, i) => ({
        id: String(firstId + i),
        time: r.time,
        traceId: r.traceId,
        reporterNodeId: reporter.nodeId,
        reporterInstitutionId: reporter.institutionId,
        environment: reporter.environment,
        consumerId: r.consumerInstitutionId,
        providerId: r.providerInstitutionId,
        serviceCode: r.serviceCode,
        operation: r.operation,
        procedure: r.procedure,
        caseFileId: r.caseFileId ?? null,
        result: r.result,
        latencyMs: r.latencyMs,
        messageSha256: r.messageSha256,
        consentId: r.consentId ?? null,
        subjectHmac: hmacs[i]!,
        grantInForce: inForce(r),
      }))
      const { rows: stored } = await client.query<{ id: string }>(INSERT_RECORDS, [
        `{${chained.map((r) => r.id).join(',')}}`,
        // ISO text, not Date objects: pg formats a Date array element by element in local time.
        tokenArray(chained.map((r) => r.time.toISOString())),
        tokenArray(chained.map((r) => r.traceId)),
        tokenArray(chained.map((r) => r.consumerId)),
        tokenArray(chained.map((r) => r.providerId)),
        tokenArray(chained.map((r) => r.serviceCode)),
        chained.map((r) => r.operation),
        tokenArray(chained.map((r) => r.procedure)),
        tokenArray(chained.map((r) => r.caseFileId)),
        tokenArray(chained.map((r) => r.result)),
        `{${chained.map((r) => r.latencyMs).join(',')}}`,
        tokenArray(chained.map((r) => r.messageSha256)),
        tokenArray(chained.map((r) => r.consentId)),
        tokenArray(chained.map((r) => r.subjectHmac)),
        `{${chained.map((r) => (r.grantInForce ? 't' : 'f')).join(',')}}`,
        reporter.nodeId,
        reporter.institutionId,
        reporter.environment,
        receivedAt,
      ])
      inserted = stored.length
      // Every record new: the stored rows are exactly these (no earlier or racing copy holds any),
      // so the answer needs no second read.
      if (inserted === records.length)
        allNew = {
          received: records.length,
          stored: inserted,
          withoutGrant: chained.reduce((n, r) => (r.grantInForce ? n : n + 1), 0),
          batches: [String(batchId)],
        }
      if (inserted > 0) {
        const storedIds = new Set(stored.map((r) => r.id))
        const leaves = chained.filter((r) => storedIds.has(r.id)).map(leafHash)
        const root = merkleRoot(leaves)
        const { rows: heads } = await client.query<{ chain_seq: string; chain: Buffer }>(
          'SELECT chain_seq::text, chain FROM traces.chain_head WHERE id = 1 FOR UPDATE',
        )
        const head = heads[0]!
        const batch = {
          id: String(batchId),
          chainSeq: String(BigInt(head.chain_seq) + 1n),
          nodeId: reporter.nodeId,
          institutionId: reporter.institutionId,
          receivedAt,
          recordCount: inserted,
        }
        const chain = chainHash(head.chain, batch, root)
        await client.query(
          `INSERT INTO traces.batch (id, chain_seq, node_id, institution_id, received_at, record_count, merkle_root, prev_chain, chain)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
          [batch.id, batch.chainSeq, batch.nodeId, batch.institutionId, receivedAt, inserted, root, head.chain, chain],
        )
        await client.query('UPDATE traces.chain_head SET chain_seq = $1, chain = $2, updated_at = $3 WHERE id = 1', [
          batch.chainSeq,
          chain,
          receivedAt,
        ])
      }
      await client.query('COMMIT')
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {})
      throw error
    }

    answer = allNew ?? (await answerFromStored(client, reporter.nodeId, records))
  } finally {
    client.release()
  }
  // After the records' commit, in a transaction of its own (the daily job repeats it if this one is
  // lost): the embedded database's single connection must be free for it.
  if (answer.withoutGrant > 0 && inserted > 0) await noteUngrantedExchanges(now)
  return { kind: 'stored', answer, inserted }
}

const INSERT_RECORDS = `
INSERT INTO traces.record (id, time, trace_id, consumer_id, provider_id, service_code, operation, procedure,
  case_file_id, result, latency_ms, message_sha256, consent_id, subject_hmac, grant_in_force,
  reporter_node_id, reporter_institution_id, environment, received_at)
SELECT r.id, r.time, r.trace_id, r.consumer_id, r.provider_id, r.service_code, r.operation, r.procedure,
  r.case_file_id, r.result, r.latency_ms, decode(r.message_sha256, 'hex'), r.consent_id, decode(r.subject_hmac, 'hex'),
  r.grant_in_force, $16, $17, $18, $19
FROM unnest($1::bigint[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
  $9::text[], $10::text[], $11::integer[], $12::text[], $13::text[], $14::text[], $15::boolean[])
  AS r(id, time, trace_id, consumer_id, provider_id, service_code, operation, procedure, case_file_id, result,
       latency_ms, message_sha256, consent_id, subject_hmac, grant_in_force)
ON CONFLICT (trace_id, reporter_node_id, time) DO NOTHING
RETURNING id::text`

/** The answer, read from what is committed for these trace ids (whoever stored them). */
async function answerFromStored(
  client: PoolClient,
  nodeId: string,
  records: TraceRecordInput[],
): Promise<IngestAnswer> {
  const { rows } = await client.query<{ stored: string; without_grant: string; batches: string[] | null }>(
    `SELECT count(*)::text AS stored, count(*) FILTER (WHERE NOT t.grant_in_force)::text AS without_grant,
            array_agg(DISTINCT (t.id / 10000)::text) AS batches
     FROM unnest($2::text[], $3::timestamptz[]) AS k(trace_id, time)
     JOIN traces.record t ON t.trace_id = k.trace_id AND t.reporter_node_id = $1 AND t.time = k.time`,
    [nodeId, records.map((r) => r.traceId), records.map((r) => r.time)],
  )
  const row = rows[0]!
  return {
    received: records.length,
    stored: Number(row.stored),
    withoutGrant: Number(row.without_grant),
    batches: (row.batches ?? []).sort((a, b) => Number(a) - Number(b)),
  }
}
