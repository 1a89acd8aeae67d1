/**
 * What people do to nodes and credentials in the portal (docs/decisions/014-nodes.md):
 * - the node's own institution's technical administrators issue its credential (the token is
 *   returned here once; only SHA-256 of its secret is kept) and rotate it, choosing a grace period
 *   of 0–24 h during which the previous credential still works;
 * - DGD revokes a node or one credential, at once.
 * Each is one transaction that locks the node's row, checks permission first, writes conditionally
 * (a repeated or racing request finds it done) and records its audit event and its notices.
 */
import { createTranslator } from 'next-intl'
import { authorize, type Principal } from '@/lib/auth/roles'
import { recordAudit } from '@/lib/audit/record'
import { db, type Tx } from '@/lib/db/client'
import { DomainError } from '@/lib/errors'
import { locale } from '@/lib/i18n/config'
import { messages } from '@/lib/i18n/messages'
import { notify } from '@/lib/notifications/notify'
import { defaultExpiry, generateCredential, MAX_GRACE_HOURS } from './credentials'
import { grantState, agreementOf } from './grants'

const t = createTranslator({ locale, messages, namespace: 'nodes' })

/** Locks the node's row and reads it; notFound when there is none. */
async function lockNode(tx: Tx, nodeId: string) {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Node" WHERE id = ${nodeId} FOR UPDATE`
  if (rows.length === 0) throw new DomainError('notFound')
  return tx.node.findUniqueOrThrow({
    where: { id: nodeId },
    select: { id: true, name: true, environment: true, institutionId: true, revokedAt: true },
  })
}

/**
 * Issues a new credential for the node. Any credential still working (and not already retiring) is
 * rotated out: it keeps working for `graceHours` (0 = stops now), then is refused.
 */
export async function issueCredential(
  actor: Principal,
  nodeId: string,
  { graceHours }: { graceHours: number },
  now: Date = new Date(),
) {
  if (!Number.isInteger(graceHours) || graceHours < 0 || graceHours > MAX_GRACE_HOURS) {
    throw new DomainError('graceInvalid', { max: MAX_GRACE_HOURS }, 'graceHours')
  }
  const node = await db.node.findUnique({ where: { id: nodeId }, select: { institutionId: true } })
  if (!node) throw new DomainError('notFound')
  // Only the node's own institution's technical administrators: never DGD, never another institution.
  authorize(actor, 'nodes.issueCredential', node.institutionId)

  return db.$transaction(async (tx) => {
    const locked = await lockNode(tx, nodeId)
    if (locked.revokedAt) throw new DomainError('nodeRevoked')
    const retiresAt = new Date(now.getTime() + graceHours * 3_600_000)
    const previous = await tx.nodeCredential.findMany({
      where: {
        nodeId,
        revokedAt: null,
        expiresAt: { gt: now },
        OR: [{ retiresAt: null }, { retiresAt: { gt: retiresAt } }],
      },
      select: { id: true, keyId: true },
    })
    if (previous.length > 0) {
      await tx.nodeCredential.updateMany({
        where: { id: { in: previous.map((c) => c.id) } },
        data: { retiresAt },
      })
    }
    const { token, keyId, secretHash } = generateCredential(locked.environment)
    const credential = await tx.nodeCredential.create({
      data: { nodeId, keyId, secretHash, issuedById: actor.personId, issuedAt: now, expiresAt: defaultExpiry(now) },
      select: { id: true, keyId: true, expiresAt: true },
    })
    await recordAudit(tx, {
      actorId: actor.personId,
      action: previous.length > 0 ? 'node.credential.rotate' : 'node.credential.issue',
      targetType: 'NodeCredential',
      targetId: credential.id,
      institutionId: locked.institutionId,
      // Never the token nor its hash: the key id names it.
      after: {
        nodeId,
        keyId: credential.keyId,
        expiresAt: credential.expiresAt.toISOString(),
        ...(previous.length > 0
          ? { retired: previous.map((c) => c.keyId), retiresAt: retiresAt.toISOString(), graceHours }
          : {}),
      },
    })
    // "Your node is ready: issue its credential" has been answered.
    await tx.notification.updateMany({
      where: {
        kind: `node.ready.${locked.environment}`,
        link: `/institutions/${locked.institutionId}#nodes`,
        resolvedAt: null,
      },
      data: { resolvedAt: now },
    })
    return { token, credential, node: locked, rotated: previous.map((c) => c.keyId), retiresAt }
  })
}

/** DGD revokes one credential: refused from now on. */
export async function revokeCredential(actor: Principal, credentialId: string, now: Date = new Date()) {
  authorize(actor, 'nodes.revoke')
  return db.$transaction(async (tx) => {
    const found = await tx.nodeCredential.findUnique({ where: { id: credentialId }, select: { nodeId: true } })
    if (!found) throw new DomainError('notFound')
    const node = await lockNode(tx, found.nodeId)
    const { count } = await tx.nodeCredential.updateMany({
      where: { id: credentialId, revokedAt: null },
      data: { revokedAt: now, revokedById: actor.personId },
    })
    if (count !== 1) throw new DomainError('credentialAlreadyRevoked')
    const credential = await tx.nodeCredential.findUniqueOrThrow({
      where: { id: credentialId },
      select: { keyId: true },
    })
    await recordAudit(tx, {
      actorId: actor.personId,
      action: 'node.credential.revoke',
      targetType: 'NodeCredential',
      targetId: credentialId,
      institutionId: node.institutionId,
      before: { revokedAt: null },
      after: { revokedAt: now.toISOString(), keyId: credential.keyId, nodeId: node.id },
    })
    await notifyInstitution(tx, node.institutionId, ['TECHNICAL_ADMIN', 'CTD'], {
      kind: 'node.credential.revoked',
      title: t('notify.credentialRevokedTitle', { node: node.name }),
      body: t('notify.credentialRevokedBody', { node: node.name, keyId: credential.keyId }),
      link: `/institutions/${node.institutionId}#nodes`,
    })
    return { node, keyId: credential.keyId }
  })
}

/**
 * DGD revokes a node: every credential of it is refused at once and its grants stop. Each case it
 * served says why, and the CTDs and business administrators of both parties are told.
 */
export async function revokeNode(actor: Principal, nodeId: string, reason: string, now: Date = new Date()) {
  authorize(actor, 'nodes.revoke')
  return db.$transaction(async (tx) => {
    const node = await lockNode(tx, nodeId)
    const revocationReason = t('revokedReason', { reason })
    const { count } = await tx.node.updateMany({
      where: { id: nodeId, revokedAt: null },
      data: { revokedAt: now, revokedById: actor.personId, revocationReason },
    })
    if (count !== 1) throw new DomainError('nodeAlreadyRevoked')
    await recordAudit(tx, {
      actorId: actor.personId,
      action: 'node.revoke',
      targetType: 'Node',
      targetId: nodeId,
      institutionId: node.institutionId,
      before: { revokedAt: null },
      after: { revokedAt: now.toISOString(), name: node.name, environment: node.environment, reason },
    })
    // The cases whose access this ends (grants that were effective until now).
    const grants = await tx.accessGrant.findMany({
      where: { nodeId, revokedAt: null },
      select: {
        environment: true,
        revokedAt: true,
        caseId: true,
        case: {
          select: {
            number: true,
            consumerId: true,
            providerId: true,
            agreement: { select: { status: true, endsOn: true, terminatesOn: true } },
          },
        },
        service: { select: { name: true, requiresAgreement: true } },
      },
    })
    for (const grant of grants) {
      if (
        !grantState(grant, agreementOf({ ...grant.case, service: grant.service }), { revokedAt: null }, now).effective
      )
        continue
      await notifyCaseParties(tx, grant.case, {
        kind: 'grant.stopped.nodeRevoked',
        title: t('notify.accessStoppedTitle', { number: grant.case.number }),
        body: t('notify.accessStoppedBody', {
          number: grant.case.number,
          service: grant.service.name,
          reason: revocationReason,
        }),
        link: `/connections/${grant.caseId}`,
        caseId: grant.caseId,
      })
    }
    await notifyInstitution(tx, node.institutionId, ['TECHNICAL_ADMIN'], {
      kind: 'node.revoked',
      title: t('notify.nodeRevokedTitle', { node: node.name }),
      body: revocationReason,
      link: `/institutions/${node.institutionId}#nodes`,
    })
    return node
  })
}

type Notice = { kind: string; title: string; body: string; link: string; caseId?: string }

/** Active members of `institutionId` holding one of `roles` (not disabled). */
export async function membersWith(
  tx: Tx,
  institutionIds: string[],
  roles: ('CTD' | 'TECHNICAL_ADMIN' | 'BUSINESS_ADMIN')[],
): Promise<string[]> {
  const rows = await tx.membership.findMany({
    where: { institutionId: { in: institutionIds }, role: { in: roles }, endedAt: null, person: { disabledAt: null } },
    select: { personId: true },
  })
  return [...new Set(rows.map((m) => m.personId))]
}

export async function notifyInstitution(
  tx: Tx,
  institutionId: string,
  roles: ('CTD' | 'TECHNICAL_ADMIN' | 'BUSINESS_ADMIN')[],
  notice: Notice,
) {
  await notify(tx, { recipientIds: await membersWith(tx, [institutionId], roles), ...notice })
}

/** The CTDs and business administrators of both parties of a case. */
export async function notifyCaseParties(tx: Tx, c: { consumerId: string; providerId: string }, notice: Notice) {
  await notify(tx, {
    recipientIds: await membersWith(tx, [c.consumerId, c.providerId], ['CTD', 'BUSINESS_ADMIN']),
    ...notice,
  })
}
