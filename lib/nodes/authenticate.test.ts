import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db/client'
import { createCentralPerson, createInstitution, createNode, createNodeCredential } from '@/prisma/factories'
import { AUTH_DETAIL, authenticateNode } from './authenticate'
import { generateCredential } from './credentials'

const now = new Date('2027-03-01T12:00:00Z')
const hour = 3_600_000
const call = (authorization?: string) =>
  new Request('http://localhost/api/v1/node/configuration', {
    headers: authorization === undefined ? {} : { Authorization: authorization },
  })

async function setUp(environment: 'DEVELOPMENT' | 'PRODUCTION' = 'PRODUCTION') {
  const institution = await createInstitution(db)
  const issuer = await createCentralPerson(db, 'DGD_HEAD')
  const node = await createNode(db, institution.id, environment)
  return { institution, issuer, node }
}

describe('authenticateNode', () => {
  it('accepts a usable credential, names its node, and notes when it was used', async () => {
    const { institution, issuer, node } = await setUp()
    const { credential, token } = await createNodeCredential(db, node, issuer.id, { issuedAt: now })
    const result = await authenticateNode(call(`Bearer ${token}`), now)
    expect(result).toEqual({
      ok: true,
      caller: {
        nodeId: node.id,
        institutionId: institution.id,
        environment: 'PRODUCTION',
        credentialId: credential.id,
        keyId: credential.keyId,
      },
    })
    expect((await db.nodeCredential.findUniqueOrThrow({ where: { id: credential.id } })).lastUsedAt).toEqual(now)
    expect(await authenticateNode(call(`bearer   ${token}`), now)).toMatchObject({ ok: true })
  })

  it('refuses a missing, malformed or unknown token, and a wrong secret, with 401 and no hint', async () => {
    const { issuer, node } = await setUp()
    const { token } = await createNodeCredential(db, node, issuer.id, { issuedAt: now })
    const invalid = { ok: false, status: 401, detail: AUTH_DETAIL.invalid }
    expect(await authenticateNode(call(), now)).toEqual({ ok: false, status: 401, detail: AUTH_DETAIL.missing })
    for (const header of [
      'Basic dXNlcjpwYXNz',
      'Bearer',
      `Bearer ${token.slice(0, -1)}`,
      `Bearer ${token} extra`,
      `Bearer ${'x'.repeat(5_000)}`,
      // Unknown key id, well formed.
      `Bearer ${generateCredential('PRODUCTION').token}`,
      // The right key id with another secret.
      `Bearer ${token.slice(0, -43)}${generateCredential('PRODUCTION').token.slice(-43)}`,
    ]) {
      expect(await authenticateNode(call(header), now), header.slice(0, 40)).toEqual(invalid)
    }
  })

  it('refuses a token whose prefix names the other environment', async () => {
    const { issuer, node } = await setUp('DEVELOPMENT')
    const { token } = await createNodeCredential(db, node, issuer.id, { issuedAt: now })
    expect(await authenticateNode(call(`Bearer ${token}`), now)).toMatchObject({ ok: true })
    const relabelled = token.replace('pisee_dev_', 'pisee_prod_')
    expect(await authenticateNode(call(`Bearer ${relabelled}`), now)).toEqual({
      ok: false,
      status: 401,
      detail: AUTH_DETAIL.invalid,
    })
  })

  it('refuses an expired credential from its expiry instant on', async () => {
    const { issuer, node } = await setUp()
    const { token } = await createNodeCredential(db, node, issuer.id, {
      issuedAt: new Date(now.getTime() - 365 * 24 * hour),
      expiresAt: now,
    })
    expect(await authenticateNode(call(`Bearer ${token}`), new Date(now.getTime() - 1))).toMatchObject({ ok: true })
    expect(await authenticateNode(call(`Bearer ${token}`), now)).toEqual({
      ok: false,
      status: 401,
      detail: AUTH_DETAIL.expired,
    })
  })

  it('accepts a rotated credential during its grace period and refuses it after', async () => {
    const { issuer, node } = await setUp()
    const retiresAt = new Date(now.getTime() + 2 * hour)
    const { token } = await createNodeCredential(db, node, issuer.id, { issuedAt: now, retiresAt })
    expect(await authenticateNode(call(`Bearer ${token}`), new Date(retiresAt.getTime() - 1))).toMatchObject({
      ok: true,
    })
    expect(await authenticateNode(call(`Bearer ${token}`), retiresAt)).toEqual({
      ok: false,
      status: 401,
      detail: AUTH_DETAIL.retired,
    })
  })

  it('refuses a revoked credential, and every credential of a revoked node, at once', async () => {
    const { issuer, node } = await setUp()
    const revoked = await createNodeCredential(db, node, issuer.id, { issuedAt: now, revokedAt: now })
    expect(await authenticateNode(call(`Bearer ${revoked.token}`), now)).toEqual({
      ok: false,
      status: 401,
      detail: AUTH_DETAIL.revoked,
    })
    const live = await createNodeCredential(db, node, issuer.id, { issuedAt: now })
    expect(await authenticateNode(call(`Bearer ${live.token}`), now)).toMatchObject({ ok: true })
    await db.node.update({ where: { id: node.id }, data: { revokedAt: now } })
    expect(await authenticateNode(call(`Bearer ${live.token}`), now)).toEqual({
      ok: false,
      status: 401,
      detail: AUTH_DETAIL.nodeRevoked,
    })
  })
})
