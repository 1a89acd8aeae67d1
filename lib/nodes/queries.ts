import 'server-only'
import { authorize, can, type Principal } from '@/lib/auth/roles'
import { db } from '@/lib/db/client'
import { credentialIsUsable } from './credentials'
import { agreementOf, grantState } from './grants'

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
