import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { credentialIsUsable, defaultExpiry, generateCredential, parseCredential, secretMatches } from './credentials'

describe('node credentials', () => {
  it('are pisee_<dev|prod>_<16 hex>_<43 base64url>, storing SHA-256 of the secret only', () => {
    const dev = generateCredential('DEVELOPMENT')
    expect(dev.token).toMatch(/^pisee_dev_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/)
    const prod = generateCredential('PRODUCTION')
    expect(prod.token).toMatch(/^pisee_prod_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/)
    const parsed = parseCredential(prod.token)!
    expect(parsed).toEqual({ environment: 'PRODUCTION', keyId: prod.keyId, secret: prod.token.slice(-43) })
    expect(prod.secretHash).toBe(createHash('sha256').update(parsed.secret).digest('hex'))
    expect(prod.secretHash).not.toContain(parsed.secret)
    expect(generateCredential('PRODUCTION').keyId).not.toBe(prod.keyId)
  })

  it('parse to null when malformed, whatever the input', () => {
    const { token } = generateCredential('DEVELOPMENT')
    const bad = [
      '',
      'pisee',
      token.slice(0, -1),
      `${token}x`,
      token.replace('pisee_dev', 'pisee_test'),
      token.replace('_dev_', '_DEV_'),
      token.toUpperCase(),
      ` ${token}`,
      token.replace(/_([0-9a-f]{16})_/, '_ABCDEFABCDEFABCD_'),
      token.slice(0, -2) + '+/',
      'x'.repeat(10_000),
      'pisee_dev_0123456789abcdef_' + '\u0000'.repeat(43),
    ]
    for (const t of bad) expect(parseCredential(t), JSON.stringify(t.slice(0, 60))).toBeNull()
    expect(parseCredential(undefined as unknown as string)).toBeNull()
  })

  it('match the secret in constant time and refuse any other, or a malformed hash', () => {
    const { token, secretHash } = generateCredential('DEVELOPMENT')
    const { secret } = parseCredential(token)!
    expect(secretMatches(secret, secretHash)).toBe(true)
    expect(secretMatches(secret.slice(0, -1) + (secret.endsWith('A') ? 'B' : 'A'), secretHash)).toBe(false)
    expect(secretMatches(secret, 'not-hex')).toBe(false)
    expect(secretMatches(secret, '')).toBe(false)
  })

  it('are usable until expiry, retirement or revocation, each exclusive of its instant', () => {
    const now = new Date('2027-03-01T12:00:00Z')
    const later = new Date(now.getTime() + 1)
    const base = { revokedAt: null, retiresAt: null, expiresAt: later }
    expect(credentialIsUsable(base, now)).toBe(true)
    expect(credentialIsUsable({ ...base, expiresAt: now }, now)).toBe(false)
    expect(credentialIsUsable({ ...base, retiresAt: later }, now)).toBe(true)
    expect(credentialIsUsable({ ...base, retiresAt: now }, now)).toBe(false)
    expect(credentialIsUsable({ ...base, revokedAt: now }, now)).toBe(false)
  })

  it('expire 12 months after issue by default', () => {
    expect(defaultExpiry(new Date('2026-11-30T14:00:00Z')).toISOString()).toBe('2027-11-30T14:00:00.000Z')
  })
})
