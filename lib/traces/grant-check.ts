import 'server-only'
import type { PoolClient } from 'pg'
import type { AgreementStatus } from '@/lib/generated/prisma/enums'
import { agreementOf, grantIsEffective, type AgreementFacts, type GrantFacts, type NodeFacts } from '@/lib/nodes/grants'
import type { TraceRecordInput } from './schemas'

type Grant = { grant: GrantFacts; agreement: AgreementFacts; node: NodeFacts }

/**
 * Whether an access grant was in force for an exchange at its time: a grant of the service to a node
 * of the consumer, in the reporting environment, effective at that instant by the nodes' own rule
 * (`grantState` in lib/nodes/grants.ts: issued and not yet revoked, node not revoked, the case's
 * agreement — where the service requires one — in force in production, not yet ended in development,
 * its days judged on Chile's calendar).
 * One query for the batch's distinct (consumer, service) pairs; each record is then answered in memory.
 */
export async function grantChecker(
  client: PoolClient,
  environment: 'DEVELOPMENT' | 'PRODUCTION',
  records: TraceRecordInput[],
): Promise<(record: TraceRecordInput) => boolean> {
  const pairs = new Map<string, { consumer: string; service: string }>()
  for (const r of records) {
    const key = `${r.consumerInstitutionId} ${r.serviceCode}`
    if (!pairs.has(key)) pairs.set(key, { consumer: r.consumerInstitutionId, service: r.serviceCode })
  }
  const { rows } = await client.query<{
    consumer: string
    service: string
    granted_at: Date
    revoked_at: Date | null
    node_revoked_at: Date | null
    requires_agreement: boolean
    status: AgreementStatus | null
    in_force_from: Date | null
    ends_on: Date | null
    terminates_on: Date | null
  }>(
    `SELECT n."institutionId" AS consumer, s.code AS service, g."grantedAt" AS granted_at, g."revokedAt" AS revoked_at,
            n."revokedAt" AS node_revoked_at, s."requiresAgreement" AS requires_agreement, a.status::text AS status,
            a."inForceFrom" AS in_force_from, a."endsOn" AS ends_on, a."terminatesOn" AS terminates_on
     FROM unnest($1::text[], $2::text[]) AS k(consumer, service)
     JOIN "Service" s ON s.code = k.service
     JOIN "AccessGrant" g ON g."serviceId" = s.id AND g.environment = $3::"NodeEnvironment"
     JOIN "Node" n ON n.id = g."nodeId" AND n."institutionId" = k.consumer
     LEFT JOIN "Agreement" a ON a."caseId" = g."caseId"`,
    [[...pairs.values()].map((p) => p.consumer), [...pairs.values()].map((p) => p.service), environment],
  )
  const grants = new Map<string, Grant[]>()
  for (const g of rows) {
    const key = `${g.consumer} ${g.service}`
    const agreement = agreementOf({
      service: { requiresAgreement: g.requires_agreement },
      agreement: g.status
        ? { status: g.status, endsOn: g.ends_on, terminatesOn: g.terminates_on, inForceFrom: g.in_force_from }
        : null,
    })
    const list = grants.get(key) ?? []
    list.push({
      grant: { environment, grantedAt: g.granted_at, revokedAt: g.revoked_at },
      agreement,
      node: { revokedAt: g.node_revoked_at },
    })
    grants.set(key, list)
  }
  return (r) =>
    (grants.get(`${r.consumerInstitutionId} ${r.serviceCode}`) ?? []).some((g) =>
      grantIsEffective(g.grant, g.agreement, g.node, r.time),
    )
}
