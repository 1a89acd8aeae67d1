/**
 * What people do to nodes, grants and credentials in the portal. Each is one transaction that locks
 * the row it changes, checks permission first, writes conditionally (a repeated or racing request
 * finds it already done) and records its audit event.
 */
import { authorizeInCase, type Principal } from '@/lib/auth/roles'
import { recordAudit } from '@/lib/audit/record'
import { db } from '@/lib/db/client'
import { DomainError } from '@/lib/errors'

/** DGD ends one case's access of a node to the case's service, at once. */
export async function revokeGrant(actor: Principal, grantId: string, now: Date = new Date()) {
  return db.$transaction(async (tx) => {
    const grant = await tx.accessGrant.findUnique({
      where: { id: grantId },
      select: {
        id: true,
        caseId: true,
        nodeId: true,
        environment: true,
        case: { select: { consumerId: true, providerId: true } },
      },
    })
    if (!grant) throw new DomainError('notFound')
    authorizeInCase(actor, grant.case, 'grants.revoke')
    const { count } = await tx.accessGrant.updateMany({
      where: { id: grantId, revokedAt: null },
      data: { revokedAt: now, revokedById: actor.personId, endReason: 'La DGD revocó este acceso.' },
    })
    if (count !== 1) throw new DomainError('grantAlreadyRevoked')
    await recordAudit(tx, {
      actorId: actor.personId,
      action: 'grant.revoke',
      targetType: 'AccessGrant',
      targetId: grantId,
      institutionId: grant.case.consumerId,
      before: { revokedAt: null },
      after: { revokedAt: now.toISOString(), environment: grant.environment, caseId: grant.caseId },
    })
    return grant
  })
}
