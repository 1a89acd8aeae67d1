import 'server-only'
import { authorize, can, type Principal } from '@/lib/auth/roles'
import { db } from '@/lib/db/client'
import { skipFor } from '@/lib/data-table/search-params'
import { env } from '@/lib/env'
import { foldForSearch } from '@/lib/text/search'
import { credentialIsUsable } from './credentials'
import { agreementOf, effectiveGrantCounts, grantState } from './grants'
import { Prisma } from '@/lib/generated/prisma/client'
import {
  EXPIRING_WITHIN_DAYS,
  heartbeatState,
  isExpiring,
  outdatedSql,
  STALE_AFTER_MS,
  type HeartbeatState,
} from './health'
import type { NodesTableParams } from './table-params'

/**
 * An institution's nodes as its administrators (CTD, technical, business) and central staff see
 * them: each node's grants (effective or why they stopped) and its credentials' metadata. Never a
 * secret nor a hash.
 */
export async function institutionNodes(viewer: Principal, institutionId: string, now: Date = new Date()) {
  authorize(viewer, 'nodes.read', institutionId)
  const nodes = await db.node.findMany({
    where: { institutionId },
    orderBy: [{ environment: 'asc' }, { name: 'asc' }, { id: 'asc' }],
    select: {
      id: true,
      name: true,
      environment: true,
      version: true,
      lastHeartbeatAt: true,
      createdAt: true,
      revokedAt: true,
      revocationReason: true,
      credentials: {
        orderBy: [{ issuedAt: 'desc' }, { id: 'desc' }],
        select: {
          id: true,
          keyId: true,
          issuedAt: true,
          expiresAt: true,
          retiresAt: true,
          revokedAt: true,
          lastUsedAt: true,
        },
      },
      grants: {
        orderBy: [{ grantedAt: 'asc' }, { id: 'asc' }],
        select: {
          id: true,
          environment: true,
          grantedAt: true,
          revokedAt: true,
          endReason: true,
          caseId: true,
          case: {
            select: {
              number: true,
              agreement: { select: { status: true, endsOn: true, terminatesOn: true } },
            },
          },
          service: { select: { name: true, requiresAgreement: true, provider: { select: { name: true } } } },
        },
      },
    },
  })
  return {
    mayIssue: can(viewer, 'nodes.issueCredential', institutionId),
    mayRevoke: can(viewer, 'nodes.revoke'),
    nodes: nodes.map((node) => ({
      ...node,
      credentials: node.credentials.map((c) => ({
        ...c,
        usable: credentialIsUsable(c, now),
        retiring: c.retiresAt !== null && c.retiresAt > now && !c.revokedAt,
      })),
      grants: node.grants.map((g) => ({
        id: g.id,
        environment: g.environment,
        grantedAt: g.grantedAt,
        caseId: g.caseId,
        caseNumber: g.case.number,
        serviceName: g.service.name,
        providerName: g.service.provider.name,
        endReason: g.endReason,
        state: grantState(g, agreementOf({ service: g.service, agreement: g.case.agreement }), node, now),
      })),
    })),
  }
}

export type InstitutionNodes = Awaited<ReturnType<typeof institutionNodes>>

export type NodeRow = {
  id: string
  name: string
  environment: 'DEVELOPMENT' | 'PRODUCTION'
  institution: string
  institutionId: string
  version: string | null
  outdated: boolean
  lastHeartbeatAt: Date | null
  heartbeat: HeartbeatState
  /** The latest expiry among the node's usable credentials, or null when it has none. */
  credentialExpiresAt: Date | null
  expiring: boolean
  grants: number
  revoked: boolean
}

type NodeRowSql = {
  id: string
  name: string
  environment: 'DEVELOPMENT' | 'PRODUCTION'
  institution: string
  institutionId: string
  version: string | null
  lastHeartbeatAt: Date | null
  revokedAt: Date | null
  credentialExpiresAt: Date | null
  outdated: boolean
  total: bigint | number
}

/**
 * The nodes the page lists, with the two derived columns the filters and the sort read: the latest
 * expiry among the node's usable credentials (not revoked, not expired, not retired), and whether the
 * version it reported is below the minimum (lib/nodes/health.ts `versionSql`).
 */
function nodesFrom(now: Date, minVersion: string): Prisma.Sql {
  return Prisma.sql`FROM (
    SELECT n."id", n."name", n."environment"::text AS "environment", n."version", n."lastHeartbeatAt",
           n."revokedAt", n."institutionId", i."name" AS "institution", i."searchText" AS "searchText",
           (SELECT max(c."expiresAt") FROM "NodeCredential" c
             WHERE c."nodeId" = n."id" AND c."revokedAt" IS NULL AND c."expiresAt" > ${now}
               AND (c."retiresAt" IS NULL OR c."retiresAt" > ${now})) AS "credentialExpiresAt",
           ${outdatedSql(Prisma.sql`n."version"`, minVersion)} AS "outdated"
      FROM "Node" n JOIN "Institution" i ON i."id" = n."institutionId"
  ) node`
}

/** Search (institution or node name, every word), environment, and health (any of the chosen conditions). */
function nodesWhere(params: NodesTableParams, now: Date): Prisma.Sql {
  const conditions: Prisma.Sql[] = []
  for (const word of foldForSearch(params.q).split(' ').filter(Boolean)) {
    const pattern = `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    conditions.push(Prisma.sql`(node."searchText" LIKE ${pattern} OR lower(node."name") LIKE ${pattern})`)
  }
  const { environment, health } = params.filters
  if (environment.length) conditions.push(Prisma.sql`node."environment" IN (${Prisma.join(environment)})`)
  if (health.length) {
    const any: Prisma.Sql[] = []
    if (health.includes('stale')) {
      const staleBefore = new Date(now.getTime() - STALE_AFTER_MS)
      any.push(Prisma.sql`(node."lastHeartbeatAt" IS NULL OR node."lastHeartbeatAt" < ${staleBefore})`)
    }
    if (health.includes('outdated')) any.push(Prisma.sql`node."outdated"`)
    if (health.includes('expiring')) {
      const horizon = new Date(now.getTime() + EXPIRING_WITHIN_DAYS * 86_400_000)
      any.push(Prisma.sql`node."credentialExpiresAt" <= ${horizon}`)
    }
    // A revoked node is not unhealthy: it is gone.
    conditions.push(Prisma.sql`node."revokedAt" IS NULL AND (${Prisma.join(any, ' OR ')})`)
  }
  return conditions.length ? Prisma.join(conditions, ' AND ') : Prisma.sql`TRUE`
}

/** A total order for every sort, so the pages neither repeat nor skip a node. Missing dates sort as the oldest. */
function nodesOrder(sort: NodesTableParams['sort']): Prisma.Sql {
  const dir = sort.desc ? Prisma.sql`DESC` : Prisma.sql`ASC`
  const nulls = sort.desc ? Prisma.sql`NULLS LAST` : Prisma.sql`NULLS FIRST`
  const rest = Prisma.sql`node."institution" ${dir}, node."name" ${dir}, node."id" ${dir}`
  switch (sort.id) {
    case 'institution':
      return rest
    case 'name':
      return Prisma.sql`node."name" ${dir}, ${rest}`
    case 'lastHeartbeatAt':
      return Prisma.sql`node."lastHeartbeatAt" ${dir} ${nulls}, ${rest}`
    case 'credentialExpiresAt':
      return Prisma.sql`node."credentialExpiresAt" ${dir} ${nulls}, ${rest}`
  }
}

/**
 * One page of the network's nodes for DGD and auditors: searched, filtered by environment and health
 * (stale, outdated, expiring), sorted and paged in SQL. Only the page's effective grants are counted
 * in code (the grant rule reads Chilean dates, lib/nodes/grants.ts).
 */
export async function listNodes(viewer: Principal, params: NodesTableParams, now: Date = new Date()) {
  authorize(viewer, 'nodes.monitor')
  const minVersion = env.NODE_MIN_VERSION
  const from = nodesFrom(now, minVersion)
  const where = nodesWhere(params, now)
  const found = await db.$queryRaw<NodeRowSql[]>`
    SELECT node."id", node."name", node."environment", node."institution", node."institutionId", node."version",
           node."lastHeartbeatAt", node."revokedAt", node."credentialExpiresAt", node."outdated",
           count(*) OVER () AS total
    ${from}
    WHERE ${where}
    ORDER BY ${nodesOrder(params.sort)}
    LIMIT ${params.pageSize} OFFSET ${skipFor(params)}`
  let rowCount = found[0] ? Number(found[0].total) : 0
  if (found.length === 0 && params.page > 1) {
    const [count] = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n ${from} WHERE ${where}`
    rowCount = count?.n ?? 0
  }
  const counts = await effectiveGrantCounts(
    found.map((n) => n.id),
    now,
  )
  const rows: NodeRow[] = found.map((n) => ({
    id: n.id,
    name: n.name,
    environment: n.environment,
    institution: n.institution,
    institutionId: n.institutionId,
    version: n.version,
    outdated: n.outdated,
    lastHeartbeatAt: n.lastHeartbeatAt,
    heartbeat: heartbeatState(n.lastHeartbeatAt, now),
    credentialExpiresAt: n.credentialExpiresAt,
    expiring: isExpiring(n.credentialExpiresAt, now),
    grants: counts.get(n.id) ?? 0,
    revoked: n.revokedAt !== null,
  }))
  return { rows, rowCount, minVersion }
}
