import { createHash, hash } from 'node:crypto'

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

function sha256(...parts: Buffer[]): Buffer {
  const h = createHash('sha256')
  for (const part of parts) h.update(part)
  return h.digest()
}

/** The canonical JSON of a record: an array of its fields in a fixed order. */
function recordJson(r: ChainedRecord): string {
  return JSON.stringify([
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
  ])
}

/** The canonical bytes of a record (UTF-8 of its canonical JSON). */
export function recordBytes(r: ChainedRecord): Buffer {
  return Buffer.from(recordJson(r))
}

// One-shot `crypto.hash` (no Hash object per call): ≈ 3× faster than createHash for these small
// inputs, and the bytes hashed are the same (U+0000 is the single UTF-8 byte 0x00).
export function leafHash(record: ChainedRecord): Buffer {
  return hash('sha256', `\u0000${recordJson(record)}`, 'buffer')
}

/** RFC 6962's Merkle tree hash of the leaf hashes, in order (the empty tree is H("")). */
export function merkleRoot(leaves: readonly Buffer[]): Buffer {
  if (leaves.length === 0) return sha256()
  let level = [...leaves]
  const pair = Buffer.alloc(65)
  pair[0] = 1
  // Bottom-up pairing; an odd last node is promoted unchanged — the same tree as RFC 6962's
  // largest-power-of-two split for every size.
  while (level.length > 1) {
    const next: Buffer[] = []
    for (let i = 0; i + 1 < level.length; i += 2) {
      level[i]!.copy(pair, 1)
      level[i + 1]!.copy(pair, 33)
      next.push(hash('sha256', pair, 'buffer'))
    }
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
