import { exportJWK, generateKeyPair, jwtVerify, createLocalJWKSet, decodeProtectedHeader } from 'jose'
import { afterEach, describe, expect, it } from 'vitest'
import { db } from '@/lib/db/client'
import { CONFIGURATION_ISSUER, CONFIGURATION_JWT_TYPE } from './schemas'
import { publicKeySet, signConfiguration, signingKey, storedKey } from './signing'

describe('the configuration signing key', () => {
  const previous = process.env.NODE_CONFIG_SIGNING_KEY
  afterEach(() => {
    process.env.NODE_CONFIG_SIGNING_KEY = previous
  })

  it('without NODE_CONFIG_SIGNING_KEY, is generated once and kept in the database for every replica', async () => {
    delete process.env.NODE_CONFIG_SIGNING_KEY
    // Two replicas starting at once, each without a cached key: both end up with the first one stored.
    const [a, b, c] = await Promise.all([storedKey(), storedKey(), signingKey()])
    expect(b.kid).toBe(a.kid)
    expect(c.kid).toBe(a.kid)
    const stored = await db.signingKey.findMany({ select: { kid: true } })
    expect(stored).toEqual([{ kid: a.kid }])
    const set = await publicKeySet()
    expect(set.keys).toHaveLength(1)
    expect(set.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', kid: a.kid, alg: 'ES256', use: 'sig' })
    expect(set.keys[0]).not.toHaveProperty('d')
  })

  it('signs a configuration JWT that verifies against the published keys, and only those', async () => {
    delete process.env.NODE_CONFIG_SIGNING_KEY
    const now = new Date()
    const jwt = await signConfiguration({ version: 'v1' }, 'node-1', now)
    const { payload, protectedHeader } = await jwtVerify(jwt, createLocalJWKSet(await publicKeySet()), {
      issuer: CONFIGURATION_ISSUER,
      typ: CONFIGURATION_JWT_TYPE,
      algorithms: ['ES256'],
    })
    expect(payload).toMatchObject({ version: 'v1', sub: 'node-1', iat: Math.floor(now.getTime() / 1000) })
    expect(payload.exp! - payload.iat!).toBe(24 * 60 * 60)
    expect(protectedHeader.alg).toBe('ES256')

    const { privateKey } = await generateKeyPair('ES256', { extractable: true })
    const other = await exportJWK(privateKey)
    await expect(
      jwtVerify(jwt, createLocalJWKSet({ keys: [{ ...other, d: undefined, kid: protectedHeader.kid }] })),
    ).rejects.toThrow()
  })

  it('uses the private JWK of NODE_CONFIG_SIGNING_KEY when set', async () => {
    const { privateKey } = await generateKeyPair('ES256', { extractable: true })
    const jwk = { ...(await exportJWK(privateKey)), kid: 'clave-2026' }
    process.env.NODE_CONFIG_SIGNING_KEY = JSON.stringify(jwk)
    const jwt = await signConfiguration({ version: 'v2' }, 'node-2', new Date())
    expect(decodeProtectedHeader(jwt).kid).toBe('clave-2026')
    const set = await publicKeySet()
    expect(set.keys.map((k) => k.kid)).toEqual(['clave-2026'])
    await jwtVerify(jwt, createLocalJWKSet(set))
  })
})
