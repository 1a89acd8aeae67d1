import 'server-only'
import { recordAudit } from '@/lib/audit/record'
import { db } from '@/lib/db/client'
import { noteUngrantedExchanges } from './ungranted'

/** Months of records kept; older month partitions are dropped whole (docs/decisions/019-traces-scale.md). */
export const RETENTION_MONTHS = 60
/** Month partitions kept created ahead of the current one. */
export const MONTHS_AHEAD = 3

/**
 * The registry's daily job (idempotent; lib/jobs runs it once a day across replicas):
 * - publishes the chain head in the audit log, once per day, so a rewrite of the whole chain after
 *   that day no longer matches what was published (the verifier checks every published head);
 * - creates the month partitions ahead, and drops the ones past retention (never a DELETE);
 * - tells DGD of exchanges without a grant if the ingest's own notice was lost.
 */
export async function runTraceChainJob(
  now: Date,
): Promise<{ published: number; partitionsEnsured: number; partitionsDropped: number; ungrantedNotices: number }> {
  const day = now.toISOString().slice(0, 10)
  const published = await db.$transaction(async (tx) => {
    // One publication per day even if two replicas run the job at once.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('traces.chain_head'))`
    const already = await tx.auditEvent.count({
      where: { action: 'traces.chain_head', targetType: 'TraceChain', targetId: day },
    })
    if (already > 0) return 0
    const [head] = await tx.$queryRaw<{ chain_seq: string; chain: string }[]>`
      SELECT chain_seq::text AS chain_seq, encode(chain, 'hex') AS chain FROM traces.chain_head WHERE id = 1`
    await recordAudit(tx, {
      actorId: null,
      action: 'traces.chain_head',
      targetType: 'TraceChain',
      targetId: day,
      after: { chainSeq: head!.chain_seq, chain: head!.chain, publishedAt: now.toISOString() },
    })
    return 1
  })
  const [ensured] = await db.$queryRaw<{ n: number }[]>`
    SELECT traces.ensure_partitions(${day}::date, ${MONTHS_AHEAD}::integer) AS n`
  const cutoff = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - RETENTION_MONTHS, 1))
  const [dropped] = await db.$queryRaw<{ n: number }[]>`
    SELECT traces.drop_partitions_before(${cutoff.toISOString().slice(0, 10)}::date) AS n`
  // Yesterday and today: a day with unnoticed exchanges without a grant gets its one notice.
  let ungrantedNotices = 0
  for (const at of [new Date(now.getTime() - 86_400_000), now]) {
    const d = at.toISOString().slice(0, 10)
    const [row] = await db.$queryRaw<{ any: boolean }[]>`
      SELECT EXISTS (SELECT 1 FROM traces.record WHERE NOT grant_in_force
        AND received_at >= ${d}::date AND received_at < ${d}::date + 1) AS any`
    if (row?.any && (await noteUngrantedExchanges(at))) ungrantedNotices++
  }
  return { published, partitionsEnsured: ensured!.n, partitionsDropped: dropped!.n, ungrantedNotices }
}
