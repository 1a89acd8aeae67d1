import { randomBytes } from 'node:crypto'
import { authorizeInCase, type Principal } from '@/lib/auth/roles'
import { recordAudit } from '@/lib/audit/record'
import { db } from '@/lib/db/client'
import { DomainError } from '@/lib/errors'
import { hashCredential } from './cases'

/**
 * Hands the consumer's technical administrator (or CTD) the development node's configuration with
 * freshly issued credentials; the previous development credential stops working. A change of state:
 * only ever called from a POST the person confirmed, never from a GET.
 */
export async function issueDevNodeConfiguration(actor: Principal, caseId: string) {
  const credential = `pisee_dev_${randomBytes(24).toString('base64url')}`
  const node = await db.$transaction(async (tx) => {
    const node = await tx.node.findFirst({
      where: { caseId, environment: 'DEVELOPMENT', revokedAt: null },
      select: {
        id: true,
        institutionId: true,
        configuration: true,
        case: { select: { number: true, consumerId: true, providerId: true } },
      },
    })
    if (!node) throw new DomainError('notFound')
    authorizeInCase(actor, node.case, 'nodes.downloadConfig')
    // Guarded: a node revoked since it was read keeps its revocation and gets no new credential.
    const { count } = await tx.node.updateMany({
      where: { id: node.id, revokedAt: null },
      data: { credentialHash: hashCredential(credential) },
    })
    if (count !== 1) throw new DomainError('notFound')
    await recordAudit(tx, {
      actorId: actor.personId,
      action: 'node.configuration.download',
      targetType: 'Node',
      targetId: node.id,
      institutionId: node.institutionId,
    })
    return node
  })
  const body = JSON.stringify({ ...(node.configuration as object), credential }, null, 2)
  return { fileName: `nodo-desarrollo-caso-${node.case.number}.json`, body }
}

/** DGD revokes a node: its credential stops working at once. Once only. */
export async function revokeNode(actor: Principal, nodeId: string) {
  return db.$transaction(async (tx) => {
    const node = await tx.node.findUnique({
      where: { id: nodeId },
      select: {
        id: true,
        caseId: true,
        institutionId: true,
        environment: true,
        case: { select: { consumerId: true, providerId: true } },
      },
    })
    if (!node) throw new DomainError('notFound')
    authorizeInCase(actor, node.case, 'nodes.revoke')
    const revokedAt = new Date()
    const { count } = await tx.node.updateMany({
      where: { id: nodeId, revokedAt: null },
      data: { revokedAt, revokedById: actor.personId },
    })
    if (count !== 1) throw new DomainError('nodeAlreadyRevoked')
    await recordAudit(tx, {
      actorId: actor.personId,
      action: 'node.revoke',
      targetType: 'Node',
      targetId: nodeId,
      institutionId: node.institutionId,
      before: { revokedAt: null },
      after: { revokedAt: revokedAt.toISOString(), environment: node.environment, caseId: node.caseId },
    })
    return node
  })
}
