import 'server-only'
import { authorize, can, type Principal } from '@/lib/auth/roles'
import { db } from '@/lib/db/client'
import { skipFor } from '@/lib/data-table/search-params'
import { env } from '@/lib/env'
import { foldForSearch } from '@/lib/text/search'
import { credentialIsUsable } from './credentials'
import { agreementOf, effectiveGrantCounts, grantState } from './grants'
import { heartbeatState, isExpiring, isOutdated, type HeartbeatState } from './health'
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

/**
 * The network's nodes for DGD and auditors. Health (stale, outdated, expiring) is derived from the
 * rows, so the filtered page is computed here; the network has hundreds of nodes, loaded at most
 * 5,000 at once.
 */
export async function listNodes(viewer: Principal, params: NodesTableParams, now: Date = new Date()) {
  authorize(viewer, 'nodes.monitor')
  const words = foldForSearch(params.q).split(' ').filter(Boolean)
  const nodes = await db.node.findMany({
    where: {
      AND: words.map((word) => ({
        OR: [{ institution: { searchText: { contains: word } } }, { name: { contains: word } }],
      })),
      ...(params.filters.environment.length ? { environment: { in: params.filters.environment } } : {}),
    },
    take: 5_000,
    orderBy: [{ institution: { name: 'asc' } }, { name: 'asc' }, { id: 'asc' }],
    select: {
      id: true,
      name: true,
      environment: true,
      version: true,
      lastHeartbeatAt: true,
      revokedAt: true,
      institutionId: true,
      institution: { select: { name: true } },
      credentials: {
        where: { revokedAt: null, expiresAt: { gt: now }, OR: [{ retiresAt: null }, { retiresAt: { gt: now } }] },
        select: { expiresAt: true },
      },
    },
  })
  const counts = await effectiveGrantCounts(
    nodes.map((n) => n.id),
    now,
  )
  const minVersion = env.NODE_MIN_VERSION
  let rows: NodeRow[] = nodes.map((n) => {
    const credentialExpiresAt = n.credentials.reduce<Date | null>(
      (latest, c) => (!latest || c.expiresAt > latest ? c.expiresAt : latest),
      null,
    )
    return {
      id: n.id,
      name: n.name,
      environment: n.environment,
      institution: n.institution.name,
      institutionId: n.institutionId,
      version: n.version,
      outdated: isOutdated(n.version, minVersion),
      lastHeartbeatAt: n.lastHeartbeatAt,
      heartbeat: heartbeatState(n.lastHeartbeatAt, now),
      credentialExpiresAt,
      expiring: isExpiring(credentialExpiresAt, now),
      grants: counts.get(n.id) ?? 0,
      revoked: n.revokedAt !== null,
    }
  })
  const health = params.filters.health
  if (health.length) {
    rows = rows.filter(
      (r) =>
        !r.revoked &&
        ((health.includes('stale') && r.heartbeat !== 'recent') ||
          (health.includes('outdated') && r.outdated) ||
          (health.includes('expiring') && r.expiring)),
    )
  }
  const { id, desc } = params.sort
  if (id !== 'institution') {
    const key = (r: NodeRow) =>
      id === 'name'
        ? r.name
        : id === 'lastHeartbeatAt'
          ? (r.lastHeartbeatAt?.getTime() ?? -1)
          : (r.credentialExpiresAt?.getTime() ?? -1)
    rows = [...rows].sort((a, b) => {
      const [x, y] = [key(a), key(b)]
      return x < y ? -1 : x > y ? 1 : 0
    })
  }
  if (desc) rows = [...rows].reverse()
  const skip = skipFor(params)
  return { rows: rows.slice(skip, skip + params.pageSize), rowCount: rows.length, minVersion }
}
