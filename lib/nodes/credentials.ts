/**
 * Node credentials (docs/decisions/014-nodes.md): `pisee_<dev|prod>_<keyId>_<secret>`, keyId 16
 * lowercase hex characters (8 random bytes, public, unique: the token names its row, one indexed
 * read), secret 43 base64url characters (32 random bytes). Only SHA-256 (hex) of the secret is stored.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import type { NodeEnvironment } from '@/lib/generated/prisma/enums'

const PREFIX: Record<NodeEnvironment, 'dev' | 'prod'> = { DEVELOPMENT: 'dev', PRODUCTION: 'prod' }
const TOKEN = /^pisee_(dev|prod)_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/

/** How long a credential lasts unless the issuer says otherwise: 12 months. */
export const CREDENTIAL_VALIDITY_MONTHS = 12
/** The longest a rotated credential may keep working beside its successor. */
export const MAX_GRACE_HOURS = 24

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex')
}

export function generateCredential(environment: NodeEnvironment): { token: string; keyId: string; secretHash: string } {
  const keyId = randomBytes(8).toString('hex')
  const secret = randomBytes(32).toString('base64url')
  return { token: `pisee_${PREFIX[environment]}_${keyId}_${secret}`, keyId, secretHash: hashSecret(secret) }
}

/** The parts of a well-formed token, or null for anything else (no exception, whatever the input). */
export function parseCredential(token: string): { environment: NodeEnvironment; keyId: string; secret: string } | null {
  if (typeof token !== 'string' || token.length > 100) return null
  const match = TOKEN.exec(token)
  if (!match) return null
  return { environment: match[1] === 'dev' ? 'DEVELOPMENT' : 'PRODUCTION', keyId: match[2]!, secret: match[3]! }
}

/** Compares in constant time: SHA-256 of `secret` against the stored hex hash. */
export function secretMatches(secret: string, secretHash: string): boolean {
  const expected = Buffer.from(secretHash, 'hex')
  const actual = createHash('sha256').update(secret).digest()
  return expected.length === actual.length && timingSafeEqual(expected, actual)
}

/** Usable at `now`: not revoked, not expired, and (when rotated) its grace period not yet over. */
export function credentialIsUsable(
  c: { revokedAt: Date | null; retiresAt: Date | null; expiresAt: Date },
  now: Date,
): boolean {
  if (c.revokedAt) return false
  if (c.retiresAt && c.retiresAt <= now) return false
  return c.expiresAt > now
}

/** The default expiry of a credential issued at `issuedAt`: the same instant 12 months later. */
export function defaultExpiry(issuedAt: Date): Date {
  const expires = new Date(issuedAt)
  expires.setUTCMonth(expires.getUTCMonth() + CREDENTIAL_VALIDITY_MONTHS)
  return expires
}
