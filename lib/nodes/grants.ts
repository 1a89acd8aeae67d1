/**
 * When a grant lets a node call a service (docs/decisions/014-nodes.md). One pure rule,
 * `grantState`, used by the node API's configuration (h3), the traces registry (h6), the case page
 * and the scheduled job; dates are Chilean calendar days (lib/agreements/status.ts):
 *
 * - a revoked grant, or a grant of a revoked node, is never effective;
 * - PRODUCTION: only while the case's agreement is in force on today's date in Chile (an agreement
 *   "until" a date is in force all that day; a termination takes effect on its date);
 * - DEVELOPMENT: from the moment DGD hands the node over (the agreement is approved by then but may
 *   still be being signed), until the agreement ends: expired, terminated or rejected;
 * - a service that requires no agreement (agreement `null`) depends on neither.
 */
import { db } from '@/lib/db/client'
import { Prisma } from '@/lib/generated/prisma/client'
import type { AgreementStatus, NodeEnvironment } from '@/lib/generated/prisma/enums'
import { agreementTerm } from '@/lib/agreements/status'
import { todayInChile } from '@/lib/dates'

/**
 * A grant as the rule reads it. `grantedAt` and the agreement's `inForceFrom` matter only when the
 * rule is asked about a past instant (the traces registry: was a grant in force at the exchange's
 * time?); at the present they are always behind `now`.
 */
export type GrantFacts = { environment: NodeEnvironment; revokedAt: Date | null; grantedAt?: Date }
/** The case's agreement; `null` when the service requires none. */
export type AgreementFacts = {
  status: AgreementStatus
  endsOn: Date | null
  terminatesOn: Date | null
  inForceFrom?: Date | null
} | null
export type NodeFacts = { revokedAt: Date | null }

export type GrantStopReason =
  | 'grantNotYetIssued'
  | 'grantRevoked'
  | 'nodeRevoked'
  | 'agreementExpired'
  | 'agreementTerminated'
  | 'agreementRejected'
  | 'agreementNotInForce'

export type GrantState = { effective: true } | { effective: false; reason: GrantStopReason }

// The Chilean date of an instant is the same throughout a UTC hour (Chile's offsets are whole hours
// and change on the hour), so a batch of thousands of trace records formats a handful of dates.
const chileDays = new Map<number, Date>()
function chileDayOf(at: Date): Date {
  const hour = Math.floor(at.getTime() / 3_600_000)
  let day = chileDays.get(hour)
  if (!day) {
    if (chileDays.size > 50_000) chileDays.clear()
    day = todayInChile(at)
    chileDays.set(hour, day)
  }
  return day
}

/**
 * What the agreement was at `at`: `effectiveAgreementStatus` (lib/agreements/status.ts) generalized
 * to a past instant — before `inForceFrom` an agreement now in force was only approved; its end
 * (an "until" date is in force all that day, a termination takes effect on its date) is judged on
 * the Chilean calendar day of `at`.
 */
function agreementStatusAt(agreement: NonNullable<AgreementFacts>, at: Date): AgreementStatus {
  const { status } = agreement
  if (status !== 'IN_FORCE' && status !== 'EXPIRED' && status !== 'TERMINATED') return status
  if (agreement.inForceFrom && at < agreement.inForceFrom) return 'APPROVED'
  const day = chileDayOf(at)
  const ended: AgreementStatus | null =
    agreement.terminatesOn && agreement.terminatesOn <= day
      ? 'TERMINATED'
      : agreement.endsOn && agreement.endsOn < day
        ? 'EXPIRED'
        : null
  if (status === 'IN_FORCE') return ended ?? 'IN_FORCE'
  if (ended) return status
  // Recorded as ended (a decision): it was in force before its end date only when that date has
  // already come; with no date, or one still ahead, it ended when recorded — at an unknown moment — so
  // it counts as ended at every instant.
  const endedOn = agreementLastDay(agreement)
  return endedOn && endedOn < chileDayOf(new Date()) ? 'IN_FORCE' : status
}

/**
 * The one rule (see the top of this file) at instant `at`: now, for what a node may call today, or
 * the time of a past exchange, for the traces registry's "grant in force" flag (lib/traces/grant-check.ts).
 */
export function grantState(grant: GrantFacts, agreement: AgreementFacts, node: NodeFacts, at: Date): GrantState {
  if (grant.grantedAt && at < grant.grantedAt) return { effective: false, reason: 'grantNotYetIssued' }
  if (grant.revokedAt && grant.revokedAt <= at) return { effective: false, reason: 'grantRevoked' }
  if (node.revokedAt && node.revokedAt <= at) return { effective: false, reason: 'nodeRevoked' }
  if (!agreement) return { effective: true }
  const status = agreementStatusAt(agreement, at)
  if (status === 'EXPIRED') return { effective: false, reason: 'agreementExpired' }
  if (status === 'TERMINATED') return { effective: false, reason: 'agreementTerminated' }
  if (status === 'REJECTED') return { effective: false, reason: 'agreementRejected' }
  if (grant.environment === 'PRODUCTION' && status !== 'IN_FORCE') {
    return { effective: false, reason: 'agreementNotInForce' }
  }
  return { effective: true }
}

/** Whether the grant lets its node call the service at `now`. */
export function grantIsEffective(grant: GrantFacts, agreement: AgreementFacts, node: NodeFacts, now: Date): boolean {
  return grantState(grant, agreement, node, now).effective
}

/** The agreement a grant rests on, as the rule reads it: none when the service requires none. */
export function agreementOf(c: {
  service: { requiresAgreement: boolean }
  agreement: {
    status: AgreementStatus
    endsOn: Date | null
    terminatesOn: Date | null
    inForceFrom?: Date | null
  } | null
}): AgreementFacts {
  if (!c.service.requiresAgreement) return null
  // Required but not yet asked for: nothing to rest on.
  return c.agreement ?? { status: 'REQUESTED', endsOn: null, terminatesOn: null }
}

/** The last day the agreement is in force (a Chilean calendar date, midnight UTC), or null when indefinite. */
export function agreementLastDay(agreement: AgreementFacts): Date | null {
  if (!agreement) return null
  const term = agreementTerm(agreement)
  if (term.kind === 'indefinite') return null
  // "Until" a date includes it; a termination takes effect on its date, so the day before is the last.
  return term.kind === 'until' ? term.date : new Date(term.date.getTime() - 86_400_000)
}

/** A grant as the rule and the configuration read it, with its node, case, agreement, service and provider. */
type GrantRow = {
  id: string
  environment: NodeEnvironment
  revokedAt: Date | null
  caseId: string
  nodeId: string
  node: { id: string; name: string; institutionId: string; revokedAt: Date | null }
  case: {
    number: number
    consumer: { id: string; name: string; rut: string }
    agreement: { id: string; status: AgreementStatus; endsOn: Date | null; terminatesOn: Date | null } | null
  }
  service: {
    id: string
    code: string
    name: string
    version: string
    protocol: string
    requiresAgreement: boolean
    devEndpoint: string | null
    prodEndpoint: string | null
    provider: { id: string; name: string; rut: string }
  }
}

type GrantSqlRow = {
  id: string
  environment: NodeEnvironment
  revokedAt: Date | null
  caseId: string
  nodeId: string
  nodeName: string
  nodeInstitutionId: string
  nodeRevokedAt: Date | null
  caseNumber: number
  consumerId: string
  consumerName: string
  consumerRut: string
  agreementId: string | null
  agreementStatus: AgreementStatus | null
  endsOn: string | null
  terminatesOn: string | null
  serviceId: string
  serviceCode: string
  serviceName: string
  serviceVersion: string
  protocol: string
  requiresAgreement: boolean
  devEndpoint: string | null
  prodEndpoint: string | null
  providerId: string
  providerName: string
  providerRut: string
}

/** A calendar date column read as text (no time zone can shift it), as the rest of the app holds it: UTC midnight. */
const calendarDate = (text: string | null) => (text === null ? null : new Date(`${text}T00:00:00Z`))

/**
 * The grants (neither revoked nor of a revoked node) that `where` selects, with everything the rule
 * and the configuration read, in one query: the node API's configuration is built on every poll.
 */
async function loadGrants(where: Prisma.Sql): Promise<GrantRow[]> {
  const rows = await db.$queryRaw<GrantSqlRow[]>`
    SELECT g."id", g."environment"::text AS "environment", g."revokedAt", g."caseId", g."nodeId",
           n."name" AS "nodeName", n."institutionId" AS "nodeInstitutionId", n."revokedAt" AS "nodeRevokedAt",
           c."number" AS "caseNumber", ci."id" AS "consumerId", ci."name" AS "consumerName", ci."rut" AS "consumerRut",
           a."id" AS "agreementId", a."status"::text AS "agreementStatus",
           to_char(a."endsOn", 'YYYY-MM-DD') AS "endsOn", to_char(a."terminatesOn", 'YYYY-MM-DD') AS "terminatesOn",
           s."id" AS "serviceId", s."code" AS "serviceCode", s."name" AS "serviceName", s."version" AS "serviceVersion",
           s."protocol"::text AS "protocol", s."requiresAgreement", s."devEndpoint", s."prodEndpoint",
           p."id" AS "providerId", p."name" AS "providerName", p."rut" AS "providerRut"
      FROM "AccessGrant" g
      JOIN "Node" n ON n."id" = g."nodeId"
      JOIN "ConnectionCase" c ON c."id" = g."caseId"
      JOIN "Institution" ci ON ci."id" = c."consumerId"
      LEFT JOIN "Agreement" a ON a."caseId" = c."id"
      JOIN "Service" s ON s."id" = g."serviceId"
      JOIN "Institution" p ON p."id" = s."providerId"
     WHERE g."revokedAt" IS NULL AND n."revokedAt" IS NULL AND ${where}
     ORDER BY g."grantedAt" ASC, g."id" ASC`
  return rows.map((r) => ({
    id: r.id,
    environment: r.environment,
    revokedAt: r.revokedAt,
    caseId: r.caseId,
    nodeId: r.nodeId,
    node: { id: r.nodeId, name: r.nodeName, institutionId: r.nodeInstitutionId, revokedAt: r.nodeRevokedAt },
    case: {
      number: r.caseNumber,
      consumer: { id: r.consumerId, name: r.consumerName, rut: r.consumerRut },
      agreement:
        r.agreementId && r.agreementStatus
          ? {
              id: r.agreementId,
              status: r.agreementStatus,
              endsOn: calendarDate(r.endsOn),
              terminatesOn: calendarDate(r.terminatesOn),
            }
          : null,
    },
    service: {
      id: r.serviceId,
      code: r.serviceCode,
      name: r.serviceName,
      version: r.serviceVersion,
      protocol: r.protocol,
      requiresAgreement: r.requiresAgreement,
      devEndpoint: r.devEndpoint,
      prodEndpoint: r.prodEndpoint,
      provider: { id: r.providerId, name: r.providerName, rut: r.providerRut },
    },
  }))
}

function describe(row: GrantRow) {
  const agreement = agreementOf({ service: row.service, agreement: row.case.agreement })
  return {
    grantId: row.id,
    caseId: row.caseId,
    caseNumber: row.case.number,
    environment: row.environment,
    node: { id: row.node.id, name: row.node.name },
    consumer: row.case.consumer,
    provider: row.service.provider,
    service: {
      id: row.service.id,
      code: row.service.code,
      name: row.service.name,
      version: row.service.version,
      protocol: row.service.protocol,
    },
    /** The provider's endpoint for the grant's environment (Service.devEndpoint / prodEndpoint). */
    endpoint: row.environment === 'PRODUCTION' ? row.service.prodEndpoint : row.service.devEndpoint,
    /** The agreement it rests on, with its last day in force (null: indefinite); null when none is required. */
    agreement:
      row.case.agreement && agreement ? { id: row.case.agreement.id, lastDay: agreementLastDay(agreement) } : null,
  }
}

export type EffectiveGrant = ReturnType<typeof describe>

const effective = (row: GrantRow, now: Date) =>
  grantIsEffective(row, agreementOf({ service: row.service, agreement: row.case.agreement }), row.node, now)

/** What the node may call at `now`: its effective grants, with provider, service, endpoint and agreement. */
export async function effectiveGrantsForNode(nodeId: string, now: Date = new Date()): Promise<EffectiveGrant[]> {
  const rows = await loadGrants(Prisma.sql`g."nodeId" = ${nodeId}`)
  return rows.filter((row) => effective(row, now)).map(describe)
}

/**
 * Who may call the services `institutionId` provides, in `environment`, at `now`: each effective
 * grant of another institution's node to one of them (consumer, node, service, agreement).
 */
export async function consumersAllowedToCall(
  institutionId: string,
  environment: NodeEnvironment,
  now: Date = new Date(),
): Promise<EffectiveGrant[]> {
  const rows = await loadGrants(
    Prisma.sql`g."environment"::text = ${environment} AND s."providerId" = ${institutionId}`,
  )
  return rows.filter((row) => effective(row, now)).map(describe)
}

/** How many of each node's grants are effective at `now` (for the nodes page and the institution page). */
export async function effectiveGrantCounts(nodeIds: string[], now: Date = new Date()): Promise<Map<string, number>> {
  if (nodeIds.length === 0) return new Map()
  const rows = await loadGrants(Prisma.sql`g."nodeId" IN (${Prisma.join(nodeIds)})`)
  const counts = new Map<string, number>()
  for (const row of rows) if (effective(row, now)) counts.set(row.nodeId, (counts.get(row.nodeId) ?? 0) + 1)
  return counts
}
