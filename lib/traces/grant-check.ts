import 'server-only'
import type { PoolClient } from 'pg'
import type { TraceRecordInput } from './schemas'

type Window = { from: number; until: number }

const DAY_MS = 86_400_000

/**
 * Whether an access grant was in force for an exchange at its time: a grant of the service to a node
 * of the consumer, in the reporting environment, issued before the exchange and not yet revoked then,
 * its node not revoked then, and — in production, for a service that requires an agreement — the
 * case's agreement in force then (from `inForceFrom` through the day it ends or terminates).
 * The same rule as the nodes' effective grants (lib/nodes), applied at a past instant.
 * Loaded with one query for the batch's distinct (consumer, service) pairs, answered in memory.
 */
export async function grantChecker(
  client: PoolClient,
  environment: 'DEVELOPMENT' | 'PRODUCTION',
  records: TraceRecordInput[],
): Promise<(record: TraceRecordInput) => boolean> {
  const pairs = new Map<string, { consumer: string; service: string }>()
  for (const r of records)
    pairs.set(`${r.consumerInstitutionId} ${r.serviceCode}`, {
      consumer: r.consumerInstitutionId,
      service: r.serviceCode,
    })
  const { rows } = await client.query<{
    consumer: string
    service: string
    granted_at: Date
    revoked_at: Date | null
    node_revoked_at: Date | null
    requires_agreement: boolean
    in_force_from: Date | null
    ends_on: Date | null
    terminates_on: Date | null
  }>(
    `SELECT n."institutionId" AS consumer, s.code AS service, g."grantedAt" AS granted_at, g."revokedAt" AS revoked_at,
            n."revokedAt" AS node_revoked_at, s."requiresAgreement" AS requires_agreement,
            a."inForceFrom" AS in_force_from, a."endsOn" AS ends_on, a."terminatesOn" AS terminates_on
     FROM unnest($1::text[], $2::text[]) AS k(consumer, service)
     JOIN "Service" s ON s.code = k.service
     JOIN "AccessGrant" g ON g."serviceId" = s.id AND g.environment = $3::"NodeEnvironment"
     JOIN "Node" n ON n.id = g."nodeId" AND n."institutionId" = k.consumer
     LEFT JOIN "Agreement" a ON a."caseId" = g."caseId"`,
    [[...pairs.values()].map((p) => p.consumer), [...pairs.values()].map((p) => p.service), environment],
  )
  const windows = new Map<string, Window[]>()
  for (const g of rows) {
    let from = g.granted_at.getTime()
    let until = Math.min(g.revoked_at?.getTime() ?? Infinity, g.node_revoked_at?.getTime() ?? Infinity)
    if (environment === 'PRODUCTION' && g.requires_agreement) {
      if (!g.in_force_from) continue
      from = Math.max(from, g.in_force_from.getTime())
      const ends = Math.min(g.ends_on?.getTime() ?? Infinity, g.terminates_on?.getTime() ?? Infinity)
      until = Math.min(until, ends + DAY_MS)
    }
    const key = `${g.consumer} ${g.service}`
    windows.set(key, [...(windows.get(key) ?? []), { from, until }])
  }
  return (r) => {
    const t = r.time.getTime()
    return (windows.get(`${r.consumerInstitutionId} ${r.serviceCode}`) ?? []).some((w) => w.from <= t && t < w.until)
  }
}
