/**
 * Demo data of the traceability registry (issue 11): three weeks of exchanges between the seeded
 * institutions, as their nodes would have reported them — the consumer's node and, where the provider
 * runs a node in the same environment, the provider's report of the same exchange; some errors and
 * timeouts; consent ids on the sensitive operation; a few exchanges of a service the consumer holds no
 * grant to (flagged, as the ingest flags them). Chained exactly as the ingest chains (lib/traces/chain.ts),
 * so `npm run traces:verify` reports every record valid.
 *
 * Kept cheap for `npm start` and the e2e startup: the records are generated in memory from a fixed
 * seed and written with one INSERT … SELECT FROM unnest for all records and one for the batches.
 */
import { createHash } from 'node:crypto'
import type { Db } from '@/lib/db/client'
import { agreementOf, grantIsEffective } from '@/lib/nodes/grants'
import { chainHash, leafHash, merkleRoot, type ChainedRecord } from '@/lib/traces/chain'
import { subjectHmac, traceRunKey } from '@/lib/traces/subject'
import { normalizeRut, checkDigit } from '@/lib/chile/rut'

const DAY = 86_400_000
const DAYS = 21
const ID_STRIDE = 10_000

/** A small deterministic generator (mulberry32): the same demo every time. */
function random(seed: number) {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

type Flow = {
  consumerNode: { id: string; institutionId: string }
  providerNode: { id: string; institutionId: string } | null
  environment: 'DEVELOPMENT' | 'PRODUCTION'
  consumerId: string
  providerId: string
  serviceCode: string
  /** Exchanges on a working day; weekends carry a fifth. */
  perDay: number
  operations: string[]
  errorRate: number
  /** Days (from the oldest) on which the flow ran; all when absent. */
  days?: number[]
  /** Operation whose data is sensitive: its records carry a consent id. */
  sensitive?: string
  inForce: (time: Date) => boolean
}

/** A PostgreSQL array literal of values known to hold no quote or backslash. */
const literal = (values: (string | number | boolean | null)[]) =>
  `{${values.map((v) => (v === null ? 'NULL' : typeof v === 'string' ? `"${v}"` : String(v))).join(',')}}`

export async function seedTraces(db: Db, now = new Date()): Promise<number> {
  const grants = await db.accessGrant.findMany({
    select: {
      environment: true,
      grantedAt: true,
      revokedAt: true,
      node: { select: { id: true, institutionId: true, revokedAt: true } },
      service: { select: { code: true, providerId: true, requiresAgreement: true } },
      case: {
        select: { agreement: { select: { status: true, endsOn: true, terminatesOn: true, inForceFrom: true } } },
      },
    },
    orderBy: [{ grantedAt: 'asc' }, { id: 'asc' }],
  })
  if (grants.length === 0) return 0
  const nodes = await db.node.findMany({
    where: { revokedAt: null },
    select: { id: true, institutionId: true, environment: true },
    orderBy: { createdAt: 'asc' },
  })
  const nodeOf = (institutionId: string, environment: string) =>
    nodes.find((n) => n.institutionId === institutionId && n.environment === environment) ?? null

  const flows: Flow[] = grants.map((g) => {
    const agreement = agreementOf({ service: g.service, agreement: g.case.agreement })
    return {
      consumerNode: g.node,
      providerNode: nodeOf(g.service.providerId, g.environment),
      environment: g.environment,
      consumerId: g.node.institutionId,
      providerId: g.service.providerId,
      serviceCode: g.service.code,
      perDay: g.environment === 'PRODUCTION' ? 80 : 10,
      operations:
        g.environment === 'PRODUCTION' ? ['consultar', 'obtenerCertificado', 'consultarCausa'] : ['consultar'],
      errorRate: g.environment === 'PRODUCTION' ? 0.03 : 0.12,
      sensitive: g.environment === 'PRODUCTION' ? 'consultarCausa' : undefined,
      inForce: (time: Date) => grantIsEffective(g, agreement, g.node, time),
    }
  })
  // A production consumer calling one of its provider's services it holds no grant to, on a few days:
  // what the registry exists to show (flagged, DGD told).
  const production = flows.find((f) => f.environment === 'PRODUCTION')
  if (production) {
    const granted = new Set(grants.map((g) => `${g.node.institutionId} ${g.service.code}`))
    const other = await db.service.findFirst({
      where: { providerId: production.providerId, code: { not: production.serviceCode } },
      select: { code: true },
      orderBy: { code: 'asc' },
    })
    if (other && !granted.has(`${production.consumerId} ${other.code}`))
      flows.push({
        ...production,
        serviceCode: other.code,
        perDay: 6,
        operations: ['consultar'],
        errorRate: 0.1,
        sensitive: undefined,
        days: [4, 9, 15, 19],
        inForce: () => false,
      })
  }

  const next = random(20261130)
  let key: string | null = null
  try {
    key = traceRunKey()
  } catch {
    key = null // a production portal without TRACE_RUN_KEY: the demo's records carry no subject
  }
  const runs = Array.from({ length: 400 }, (_, i) => {
    const body = String(10_000_000 + Math.floor(next() * 15_000_000) + i)
    return normalizeRut(`${body}-${checkDigit(body)}`)!
  })
  const start = new Date(now.getTime() - DAYS * DAY)
  const results = ['CLIENT_ERROR', 'CLIENT_ERROR', 'SERVER_ERROR', 'TIMEOUT'] as const

  type Draft = Omit<ChainedRecord, 'id' | 'reporterNodeId' | 'reporterInstitutionId'>
  // Reports by reporting node and day: each becomes a batch, as a node would send them.
  const reports = new Map<string, { node: { id: string; institutionId: string }; day: number; drafts: Draft[] }>()
  const report = (node: { id: string; institutionId: string }, day: number, draft: Draft) => {
    const k = `${day} ${node.id}`
    let entry = reports.get(k)
    if (!entry) reports.set(k, (entry = { node, day, drafts: [] }))
    entry.drafts.push(draft)
  }
  let exchange = 0
  for (let day = 0; day <= DAYS; day++) {
    const dayStart = start.getTime() + day * DAY
    const weekday = new Date(dayStart).getUTCDay()
    for (const flow of flows) {
      if (flow.days && !flow.days.includes(day)) continue
      const base = weekday === 0 || weekday === 6 ? flow.perDay / 5 : flow.perDay
      const count = Math.round(base * (0.8 + next() * 0.4))
      for (let i = 0; i < count; i++) {
        // Office hours in Chile (UTC−3): most exchanges between 11:00 and 23:00 UTC.
        const time = new Date(dayStart + (next() < 0.85 ? 11 + next() * 12 : next() * 24) * 3_600_000)
        if (time > now) continue
        exchange++
        const failed = next() < flow.errorRate
        const result = failed ? results[Math.floor(next() * results.length)]! : 'OK'
        const latency = result === 'TIMEOUT' ? 30_000 : Math.round(60 + next() ** 3 * 1_500)
        const operation = flow.operations[Math.floor(next() * flow.operations.length)]!
        const run = runs[Math.floor(next() * runs.length)]!
        const traceId = `demo-${flow.environment === 'PRODUCTION' ? 'p' : 'd'}-${String(exchange).padStart(6, '0')}`
        const common = {
          time,
          traceId,
          environment: flow.environment,
          consumerId: flow.consumerId,
          providerId: flow.providerId,
          serviceCode: flow.serviceCode,
          operation,
          procedure: `CPAT-${1200 + (exchange % 7)}`,
          caseFileId: next() < 0.6 ? `EXP-2026-${String(exchange % 5000).padStart(5, '0')}` : null,
          result,
          messageSha256: createHash('sha256').update(traceId).digest('hex'),
          consentId: operation === flow.sensitive ? `CONS-2026-${String(exchange).padStart(6, '0')}` : null,
          subjectHmac: key ? subjectHmac(run, key) : null,
          grantInForce: flow.inForce(time),
        }
        report(flow.consumerNode, day, { ...common, latencyMs: latency })
        if (flow.providerNode) report(flow.providerNode, day, { ...common, latencyMs: Math.max(1, latency - 25) })
      }
    }
  }

  const batches = [...reports.values()].sort((a, b) => a.day - b.day || (a.node.id < b.node.id ? -1 : 1))
  if (batches.length === 0) return 0
  const ids = await db.$queryRawUnsafe<{ id: bigint }[]>(
    `SELECT nextval('traces.batch_id_seq') AS id FROM generate_series(1, ${batches.length})`,
  )
  const [head] = await db.$queryRawUnsafe<{ chain_seq: bigint; chain: Uint8Array }[]>(
    'SELECT chain_seq, chain FROM traces.chain_head WHERE id = 1',
  )
  let previous: Buffer = Buffer.from(head!.chain)
  let seq = BigInt(head!.chain_seq)
  const records: ChainedRecord[] = []
  const receivedAts: string[] = []
  const batchRows: { id: string; seq: string; node: string; institution: string; at: Date; count: number }[] = []
  const roots: string[] = []
  const prevs: string[] = []
  const chains: string[] = []
  batches.forEach((b, i) => {
    const batchId = Number(ids[i]!.id)
    // A day's batch arrives at the day's end (or now, for today's).
    const receivedAt = new Date(Math.min(start.getTime() + (b.day + 1) * DAY, now.getTime()))
    const chained = b.drafts
      .sort((x, y) => x.time.getTime() - y.time.getTime())
      .map((d, position): ChainedRecord => ({
        ...d,
        id: String(batchId * ID_STRIDE + position),
        reporterNodeId: b.node.id,
        reporterInstitutionId: b.node.institutionId,
      }))
    records.push(...chained)
    for (let k = 0; k < chained.length; k++) receivedAts.push(receivedAt.toISOString())
    seq += 1n
    const batch = {
      id: String(batchId),
      chainSeq: String(seq),
      nodeId: b.node.id,
      institutionId: b.node.institutionId,
      receivedAt,
      recordCount: chained.length,
    }
    const root = merkleRoot(chained.map(leafHash))
    const chain = chainHash(previous, batch, root)
    batchRows.push({
      id: batch.id,
      seq: batch.chainSeq,
      node: b.node.id,
      institution: b.node.institutionId,
      at: receivedAt,
      count: chained.length,
    })
    roots.push(root.toString('hex'))
    prevs.push(previous.toString('hex'))
    chains.push(chain.toString('hex'))
    previous = chain
  })

  const months = new Set(records.map((r) => `${r.time.toISOString().slice(0, 7)}-01`))
  await db.$transaction(async (tx) => {
    for (const month of months) await tx.$queryRawUnsafe(`SELECT traces.ensure_partition('${month}'::date)`)
    await tx.$executeRawUnsafe(
      `INSERT INTO traces.record (id, time, trace_id, reporter_node_id, reporter_institution_id, environment,
         consumer_id, provider_id, service_code, operation, procedure, case_file_id, result, latency_ms,
         message_sha256, consent_id, subject_hmac, grant_in_force, received_at)
       SELECT r.id, r.time, r.trace_id, r.node, r.institution, r.environment, r.consumer, r.provider,
         r.service, r.operation, r.procedure, r.case_file, r.result, r.latency, decode(r.sha, 'hex'), r.consent,
         decode(r.subject, 'hex'), r.granted, r.received
       FROM unnest($1::bigint[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
         $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::integer[], $15::text[],
         $16::text[], $17::text[], $18::boolean[], $19::timestamptz[])
         AS r(id, time, trace_id, node, institution, environment, consumer, provider, service, operation, procedure,
              case_file, result, latency, sha, consent, subject, granted, received)`,
      literal(records.map((r) => r.id)),
      literal(records.map((r) => r.time.toISOString())),
      literal(records.map((r) => r.traceId)),
      literal(records.map((r) => r.reporterNodeId)),
      literal(records.map((r) => r.reporterInstitutionId)),
      literal(records.map((r) => r.environment)),
      literal(records.map((r) => r.consumerId)),
      literal(records.map((r) => r.providerId)),
      literal(records.map((r) => r.serviceCode)),
      literal(records.map((r) => r.operation)),
      literal(records.map((r) => r.procedure)),
      literal(records.map((r) => r.caseFileId)),
      literal(records.map((r) => r.result)),
      literal(records.map((r) => r.latencyMs)),
      literal(records.map((r) => r.messageSha256)),
      literal(records.map((r) => r.consentId)),
      literal(records.map((r) => r.subjectHmac)),
      literal(records.map((r) => r.grantInForce)),
      literal(receivedAts),
    )
    await tx.$executeRawUnsafe(
      `INSERT INTO traces.batch (id, chain_seq, node_id, institution_id, received_at, record_count, merkle_root, prev_chain, chain)
       SELECT b.id, b.seq, b.node, b.institution, b.at, b.count, decode(b.root, 'hex'), decode(b.prev, 'hex'), decode(b.chain, 'hex')
       FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::timestamptz[], $6::integer[], $7::text[],
         $8::text[], $9::text[]) AS b(id, seq, node, institution, at, count, root, prev, chain)`,
      literal(batchRows.map((b) => b.id)),
      literal(batchRows.map((b) => b.seq)),
      literal(batchRows.map((b) => b.node)),
      literal(batchRows.map((b) => b.institution)),
      literal(batchRows.map((b) => b.at.toISOString())),
      literal(batchRows.map((b) => b.count)),
      literal(roots),
      literal(prevs),
      literal(chains),
    )
    await tx.$executeRawUnsafe(
      "UPDATE traces.chain_head SET chain_seq = $1::bigint, chain = decode($2, 'hex'), updated_at = $3::timestamptz WHERE id = 1",
      String(seq),
      previous.toString('hex'),
      now.toISOString(),
    )
  })
  return records.length
}
