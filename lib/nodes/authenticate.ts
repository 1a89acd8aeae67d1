/**
 * Authenticates a node API call (`Authorization: Bearer pisee_<env>_<keyId>_<secret>`): one indexed
 * read by key id, then the secret (constant time), the credential's expiry, retirement and revocation
 * and the node's revocation. The token is never logged nor stored; failures name no secret.
 */
import { db } from '@/lib/db/client'
import type { NodeEnvironment } from '@/lib/generated/prisma/enums'
import { credentialIsUsable, parseCredential, secretMatches } from './credentials'

export type NodeCaller = {
  nodeId: string
  institutionId: string
  environment: NodeEnvironment
  credentialId: string
  keyId: string
}

export type NodeAuthentication = { ok: true; caller: NodeCaller } | { ok: false; status: 401; detail: string }

/** `lastUsedAt` is written at most this often per credential, so a busy node costs no write per call. */
const LAST_USED_RESOLUTION_MS = 5 * 60_000

const refused = (detail: string): NodeAuthentication => ({ ok: false, status: 401, detail })

export const AUTH_DETAIL = {
  missing: 'Falta la credencial del nodo: envíe «Authorization: Bearer <credencial>».',
  invalid: 'La credencial del nodo no es válida.',
  revoked: 'La credencial del nodo fue revocada.',
  retired: 'La credencial del nodo fue reemplazada y su período de gracia terminó.',
  expired: 'La credencial del nodo venció; emita una nueva en el portal.',
  nodeRevoked: 'El nodo fue revocado por la DGD.',
} as const

function bearerToken(request: Request): string | null {
  const header = request.headers.get('authorization')
  if (!header) return null
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header)
  return match ? match[1]! : ''
}

export async function authenticateNode(request: Request, now: Date = new Date()): Promise<NodeAuthentication> {
  const token = bearerToken(request)
  if (token === null) return refused(AUTH_DETAIL.missing)
  const parsed = parseCredential(token)
  if (!parsed) return refused(AUTH_DETAIL.invalid)

  const credential = await db.nodeCredential.findUnique({
    where: { keyId: parsed.keyId },
    select: {
      id: true,
      keyId: true,
      secretHash: true,
      expiresAt: true,
      retiresAt: true,
      revokedAt: true,
      lastUsedAt: true,
      node: { select: { id: true, institutionId: true, environment: true, revokedAt: true } },
    },
  })
  // Unknown key, wrong secret, or a token whose prefix names the other environment: all the same answer.
  if (
    !credential ||
    !secretMatches(parsed.secret, credential.secretHash) ||
    credential.node.environment !== parsed.environment
  ) {
    return refused(AUTH_DETAIL.invalid)
  }
  if (credential.revokedAt) return refused(AUTH_DETAIL.revoked)
  if (credential.node.revokedAt) return refused(AUTH_DETAIL.nodeRevoked)
  if (!credentialIsUsable(credential, now)) {
    return refused(credential.retiresAt && credential.retiresAt <= now ? AUTH_DETAIL.retired : AUTH_DETAIL.expired)
  }

  if (!credential.lastUsedAt || now.getTime() - credential.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    await db.nodeCredential.updateMany({ where: { id: credential.id }, data: { lastUsedAt: now } })
  }
  return {
    ok: true,
    caller: {
      nodeId: credential.node.id,
      institutionId: credential.node.institutionId,
      environment: credential.node.environment,
      credentialId: credential.id,
      keyId: credential.keyId,
    },
  }
}
