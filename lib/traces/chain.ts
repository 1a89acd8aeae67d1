import { createHash } from 'node:crypto'

/**
 * Tamper evidence (docs/decisions/018-traceability.md): each stored record is a leaf; a batch's
 * records, in position order, form a Merkle tree (RFC 6962: leaf = H(0x00 ‖ data), node =
 * H(0x01 ‖ left ‖ right)); each batch's chain value is H(previous chain ‖ its metadata ‖ its root).
 * The same functions build the chain at ingest and check it in the verifier.
 */

/** A stored record exactly as the leaf hash reads it: the columns of traces.record but received_at. */
export type ChainedRecord = {
  id: string
  time: Date
  traceId: string
  reporterNodeId: string
  reporterInstitutionId: string
  environment: string
  consumerId: string
  providerId: string
  serviceCode: string
  operation: string
  procedure: string
  caseFileId: string | null
  result: string
  latencyMs: number
  /** Hex. */
  messageSha256: string
  consentId: string | null
  /** Hex, or null. */
  subjectHmac: string | null
  grantInForce: boolean
}

export type ChainedBatch = {
  id: string
  chainSeq: string
  nodeId: string
  institutionId: string
  receivedAt: Date
  recordCount: number
}

const LEAF = Buffer.from([0])
const NODE = Buffer.from([1])

function sha256(...parts: Buffer[]): Buffer {
  const hash = createHash('sha256')
  for (const part of parts) hash.update(part)
  return hash.digest()
}

/** The canonical bytes of a record: a JSON array of its fields in a fixed order. */
export function recordBytes(r: ChainedRecord): Buffer {
  return Buffer.from(
    JSON.stringify([
      r.id,
      r.time.getTime(),
      r.traceId,
      r.reporterNodeId,
      r.reporterInstitutionId,
      r.environment,
      r.consumerId,
      r.providerId,
      r.serviceCode,
      r.operation,
      r.procedure,
      r.caseFileId,
      r.result,
      r.latencyMs,
      r.messageSha256,
      r.consentId,
      r.subjectHmac,
      r.grantInForce,
    ]),
  )
}

export function leafHash(record: ChainedRecord): Buffer {
  return sha256(LEAF, recordBytes(record))
}

/** RFC 6962's Merkle tree hash of the leaf hashes, in order (the empty tree is H("")). */
export function merkleRoot(leaves: readonly Buffer[]): Buffer {
  if (leaves.length === 0) return sha256()
  let level = [...leaves]
  // Bottom-up pairing; an odd last node is promoted unchanged — the same tree as RFC 6962's
  // largest-power-of-two split for every size.
  while (level.length > 1) {
    const next: Buffer[] = []
    for (let i = 0; i + 1 < level.length; i += 2) next.push(sha256(NODE, level[i]!, level[i + 1]!))
    if (level.length % 2 === 1) next.push(level[level.length - 1]!)
    level = next
  }
  return level[0]!
}

/** The chain value of a batch: binds its place, node, time, size and root to everything before it. */
export function chainHash(previous: Buffer, batch: ChainedBatch, root: Buffer): Buffer {
  const meta = Buffer.from(
    JSON.stringify([
      batch.id,
      batch.chainSeq,
      batch.nodeId,
      batch.institutionId,
      batch.receivedAt.getTime(),
      batch.recordCount,
    ]),
  )
  return sha256(previous, meta, root)
}

/** The chain value before the first batch. */
export const GENESIS = Buffer.alloc(32)
