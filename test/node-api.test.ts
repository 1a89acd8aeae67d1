/**
 * The node API as a node calls it: the route handlers of app/api/v1 (lib/nodes/api), against the test database.
 */
import { createLocalJWKSet, jwtVerify } from 'jose'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { GET as getKeys } from '@/app/api/v1/keys/route'
import { GET as getConfiguration } from '@/app/api/v1/node/configuration/route'
import { POST as postTest } from '@/app/api/v1/node/connectivity-tests/route'
import { POST as postHeartbeat } from '@/app/api/v1/node/heartbeat/route'
import { db } from '@/lib/db/client'
import { nodeNetwork, nodeRequest } from '@/test/support/node-api'
import { configurationSchema } from '@/lib/nodes/api/schemas'

const HOUR = 60 * 60 * 1000

const configuration = (token: string | null, headers: Record<string, string> = {}) =>
  getConfiguration(nodeRequest('/api/v1/node/configuration', token, { headers }))
const heartbeat = (token: string | null, body: unknown, headers: Record<string, string> = {}) =>
  postHeartbeat(
    nodeRequest('/api/v1/node/heartbeat', token, {
      method: 'POST',
      body: typeof body === 'string' ? body : JSON.stringify(body),
      headers,
    }),
  )
const report = (token: string, body: unknown) =>
  postTest(nodeRequest('/api/v1/node/connectivity-tests', token, { method: 'POST', body: JSON.stringify(body) }))

const validHeartbeat = { version: '2.1.0', hostName: 'nodo-dev-01.example.gob.cl', uptimeSeconds: 3600 }

async function problemOf(response: Response) {
  expect(response.headers.get('content-type')).toBe('application/problem+json')
  return (await response.json()) as { title: string; status: number; detail?: string; errors?: { pointer: string }[] }
}

async function verified(response: Response) {
  const jwt = await response.text()
  const keys = createLocalJWKSet(await (await getKeys()).json())
  const { payload } = await jwtVerify(jwt, keys, { issuer: 'portal-pisee', typ: 'pisee-node-config+jwt' })
  return configurationSchema.parse(payload)
}

describe('node API authentication', () => {
  let logs: string[]
  beforeEach(() => {
    logs = []
    const capture = (...args: unknown[]) => void logs.push(args.map(String).join(' '))
    vi.spyOn(console, 'info').mockImplementation(capture)
    vi.spyOn(console, 'error').mockImplementation(capture)
  })
  afterEach(() => vi.restoreAllMocks())

  it('refuses a missing, malformed, wrong, revoked, expired or other-environment credential with 401', async () => {
    const net = await nodeNetwork()
    const good = await net.credential(net.nodes.consumerDev.id, 'DEVELOPMENT')
    const revoked = await net.credential(net.nodes.consumerDev.id, 'DEVELOPMENT', { revokedAt: new Date() })
    const expired = await net.credential(net.nodes.consumerDev.id, 'DEVELOPMENT', {
      expiresAt: new Date(Date.now() - 1000),
    })
    const wrongSecret = good.token.slice(0, -4) + (good.token.endsWith('AAAA') ? 'BBBB' : 'AAAA')
    // The development key id presented as a production token.
    const otherEnvironment = good.token.replace('pisee_dev_', 'pisee_prod_')

    for (const token of [null, 'garbage', wrongSecret, revoked.token, expired.token, otherEnvironment]) {
      const response = await configuration(token)
      expect(response.status, String(token)).toBe(401)
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/)
      const body = await problemOf(response)
      expect(body.title).toBe('No autenticado')
      expect(body.detail).toMatch(/credencial/i)
    }
    expect((await configuration(good.token)).status).toBe(200)

    // Every call is logged with its node; no refused (or accepted) token ever reaches the log.
    const lines = logs.filter((line) => line.includes('"node-api"'))
    expect(lines).toHaveLength(7)
    for (const token of [good.token, wrongSecret, revoked.token, expired.token, otherEnvironment]) {
      const secret = token.split('_').at(-1)!
      expect(logs.join('\n')).not.toContain(secret)
    }
    expect(lines.at(-1)).toContain(net.nodes.consumerDev.id)
    expect(JSON.parse(lines[3]!)).toMatchObject({ status: 401, keyId: revoked.keyId })
  })

  it('refuses every credential of a revoked node at once', async () => {
    const net = await nodeNetwork()
    const good = await net.credential(net.nodes.consumerDev.id, 'DEVELOPMENT')
    expect((await configuration(good.token)).status).toBe(200)
    await db.node.update({ where: { id: net.nodes.consumerDev.id }, data: { revokedAt: new Date() } })
    expect((await configuration(good.token)).status).toBe(401)
  })

  it('keeps a rotated credential working through its grace period, and not after', async () => {
    const net = await nodeNetwork()
    const inGrace = await net.credential(net.nodes.consumerDev.id, 'DEVELOPMENT', {
      retiresAt: new Date(Date.now() + HOUR),
    })
    const noGrace = await net.credential(net.nodes.consumerDev.id, 'DEVELOPMENT', { retiresAt: new Date() })
    const successor = await net.credential(net.nodes.consumerDev.id, 'DEVELOPMENT')
    expect((await configuration(inGrace.token)).status).toBe(200)
    expect((await configuration(successor.token)).status).toBe(200)
    const refused = await configuration(noGrace.token)
    expect(refused.status).toBe(401)
    expect((await problemOf(refused)).detail).toMatch(/reemplazada/)
  })
})

describe('GET /api/v1/node/configuration', () => {
  it('is a JWT signed with a published key, listing what this node may call in its own environment', async () => {
    const net = await nodeNetwork()
    const dev = await net.credential(net.nodes.consumerDev.id, 'DEVELOPMENT')
    const prod = await net.credential(net.nodes.consumerProd.id, 'PRODUCTION')

    const devResponse = await configuration(dev.token)
    expect(devResponse.status).toBe(200)
    expect(devResponse.headers.get('content-type')).toBe('application/jwt')
    const devConfiguration = await verified(devResponse)
    expect(devConfiguration.node).toEqual({
      id: net.nodes.consumerDev.id,
      name: 'nodo-desarrollo-1',
      environment: 'DEVELOPMENT',
    })
    expect(devConfiguration.institution.id).toBe(net.consumer.id)
    expect(devConfiguration.minimumNodeVersion).toBe('2.0.0')
    expect(devConfiguration.services).toEqual([
      expect.objectContaining({
        serviceCode: net.service.code,
        endpoint: net.service.devEndpoint,
        caseNumber: net.kase.number,
        provider: expect.objectContaining({ id: net.provider.id }),
      }),
    ])

    const prodConfiguration = await verified(await configuration(prod.token))
    expect(prodConfiguration.services.map((s) => s.endpoint)).toEqual([net.service.prodEndpoint])
    expect(prodConfiguration.version).not.toBe(devConfiguration.version)
  })

  it('answers 304 to the version the node holds, and 200 with a new version once something changes', async () => {
    const net = await nodeNetwork()
    const dev = await net.credential(net.nodes.consumerDev.id, 'DEVELOPMENT')
    const first = await configuration(dev.token)
    const etag = first.headers.get('etag')!
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{43}"$/)
    expect((await verified(first)).version).toBe(etag.slice(1, -1))

    const again = await configuration(dev.token, { 'if-none-match': etag })
    expect(again.status).toBe(304)
    expect(again.headers.get('etag')).toBe(etag)
    expect(await again.text()).toBe('')
    expect((await configuration(dev.token, { 'if-none-match': `W/${etag}, "other"` })).status).toBe(304)

    await db.accessGrant.update({ where: { id: net.grants.devGrant.id }, data: { revokedAt: new Date() } })
    const changed = await configuration(dev.token, { 'if-none-match': etag })
    expect(changed.status).toBe(200)
    expect(changed.headers.get('etag')).not.toBe(etag)
    expect((await verified(changed)).services).toEqual([])
  })
})

describe('POST /api/v1/node/heartbeat', () => {
  it('records what the node reports and says whether it must update', async () => {
    const net = await nodeNetwork()
    const dev = await net.credential(net.nodes.consumerDev.id, 'DEVELOPMENT')
    const response = await heartbeat(dev.token, {
      ...validHeartbeat,
      version: '1.9.3',
      selfChecks: [{ name: 'tls', status: 'OK' }],
    })
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ minimumNodeVersion: '2.0.0', updateRequired: true })
    const node = await db.node.findUniqueOrThrow({ where: { id: net.nodes.consumerDev.id } })
    expect(node).toMatchObject({ version: '1.9.3', hostName: validHeartbeat.hostName, uptimeSeconds: 3600 })
    expect(node.selfChecks).toEqual([{ name: 'tls', status: 'OK' }])
    expect(Date.now() - node.lastHeartbeatAt!.getTime()).toBeLessThan(60_000)
    const current = await heartbeat(dev.token, validHeartbeat)
    expect(await current.json()).toMatchObject({ updateRequired: false })
  })

  it('answers malformed bodies with 400, 415, 422 or 413 problems, never 500, and changes nothing', async () => {
    const net = await nodeNetwork()
    const dev = await net.credential(net.nodes.consumerDev.id, 'DEVELOPMENT')

    expect((await heartbeat(dev.token, '{"version": ')).status).toBe(400)
    expect((await heartbeat(dev.token, '\xff\xfe')).status).toBe(400)
    expect((await heartbeat(dev.token, JSON.stringify(validHeartbeat), { 'content-type': 'text/plain' })).status).toBe(
      415,
    )

    const invalid = await heartbeat(dev.token, { version: 'dos', hostName: 'a b', uptimeSeconds: -1, extra: 1 })
    expect(invalid.status).toBe(422)
    const body = await problemOf(invalid)
    expect(body.title).toBe('Datos no válidos')
    expect(body.errors!.map((e) => e.pointer).sort()).toEqual(['', '/hostName', '/uptimeSeconds', '/version'])
    expect((await heartbeat(dev.token, [])).status).toBe(422)
    expect((await heartbeat(dev.token, 'null')).status).toBe(422)

    const huge = await heartbeat(dev.token, JSON.stringify({ ...validHeartbeat, pad: 'x'.repeat(20 * 1024 * 1024) }))
    expect(huge.status).toBe(413)
    expect((await problemOf(huge)).title).toBe('Contenido demasiado grande')

    const node = await db.node.findUniqueOrThrow({ where: { id: net.nodes.consumerDev.id } })
    expect(node.lastHeartbeatAt).toBeNull()
  })

  it('refuses NUL characters anywhere in a body with 422 (PostgreSQL cannot store them), never 500', async () => {
    const net = await nodeNetwork()
    const dev = await net.credential(net.nodes.consumerDev.id, 'DEVELOPMENT')
    const withNul = [
      { ...validHeartbeat, selfChecks: [{ name: 'tls', status: 'OK', detail: 'a\u0000b' }] },
      { ...validHeartbeat, selfChecks: [{ name: 'tl\u0000s', status: 'OK' }] },
      { ...validHeartbeat, hostName: 'nodo\u0000.example.cl' },
      { ...validHeartbeat, version: '2.1.0-rc\u0000' },
    ]
    for (const body of withNul) {
      const response = await heartbeat(dev.token, body)
      expect(response.status, JSON.stringify(body)).toBe(422)
      expect((await problemOf(response)).errors!.length).toBeGreaterThan(0)
    }
    // A raw NUL byte in the JSON text itself is not JSON.
    const raw = await heartbeat(dev.token, '{"version":"2.1.0","hostName":"a\0b","uptimeSeconds":1}')
    expect(raw.status).toBe(400)
    const test = await report(dev.token, {
      serviceCode: net.service.code,
      outcome: 'PASSED',
      latencyMs: 1,
      ranAt: new Date().toISOString(),
      detail: 'HTTP 200\u0000',
    })
    expect(test.status).toBe(422)
    expect((await problemOf(test)).errors).toEqual([expect.objectContaining({ pointer: '/detail' })])
    const code = await report(dev.token, {
      serviceCode: `${net.service.code}\u0000`,
      outcome: 'PASSED',
      latencyMs: 1,
      ranAt: new Date().toISOString(),
    })
    expect(code.status).toBe(422)
    expect((await db.node.findUniqueOrThrow({ where: { id: net.nodes.consumerDev.id } })).lastHeartbeatAt).toBeNull()
    expect(await db.connectivityTest.count({ where: { caseId: net.kase.id } })).toBe(0)
  })
})

describe('POST /api/v1/node/connectivity-tests', () => {
  it("stores the node's test on the case of its grant, as reported by the node", async () => {
    const net = await nodeNetwork()
    const dev = await net.credential(net.nodes.consumerDev.id, 'DEVELOPMENT')
    const ranAt = new Date(Date.now() - 5000)
    const response = await report(dev.token, {
      serviceCode: net.service.code,
      outcome: 'PASSED',
      latencyMs: 84,
      ranAt: ranAt.toISOString(),
      detail: 'HTTP 200',
    })
    expect(response.status).toBe(201)
    expect(await response.json()).toMatchObject({
      caseNumber: net.kase.number,
      serviceCode: net.service.code,
      outcome: 'PASSED',
      source: 'NODE',
    })
    const stored = await db.connectivityTest.findFirstOrThrow({ where: { caseId: net.kase.id } })
    expect(stored).toMatchObject({
      source: 'NODE',
      nodeId: net.nodes.consumerDev.id,
      recordedById: null,
      outcome: 'PASSED',
      latencyMs: 84,
      target: net.service.devEndpoint,
      notes: 'HTTP 200',
    })
    expect(stored.ranAt.toISOString()).toBe(ranAt.toISOString())
  })

  it('refuses a service the node has no grant for in its environment (403), and a test in the future (422)', async () => {
    const net = await nodeNetwork({ agreement: { status: 'REQUESTED' } })
    const dev = await net.credential(net.nodes.consumerDev.id, 'DEVELOPMENT')
    const prod = await net.credential(net.nodes.consumerProd.id, 'PRODUCTION')
    const providerDev = await net.credential(net.nodes.providerDev.id, 'DEVELOPMENT')
    const body = { serviceCode: net.service.code, outcome: 'PASSED', latencyMs: 10, ranAt: new Date().toISOString() }

    // Production: the agreement is not in force, so the production grant is not effective.
    expect((await report(prod.token, body)).status).toBe(403)
    // The provider's own node has no grant to consume its own service.
    expect((await report(providerDev.token, body)).status).toBe(403)
    expect((await report(dev.token, { ...body, serviceCode: 'NO-EXISTE' })).status).toBe(403)
    const future = await report(dev.token, { ...body, ranAt: new Date(Date.now() + 10 * 60_000).toISOString() })
    expect(future.status).toBe(422)
    expect((await problemOf(future)).errors).toEqual([expect.objectContaining({ pointer: '/ranAt' })])
    expect(await db.connectivityTest.count({ where: { caseId: net.kase.id } })).toBe(0)
    expect((await report(dev.token, body)).status).toBe(201)
  })
})

describe('per-node rate limit', () => {
  const previous = process.env.NODE_API_RATE_LIMIT
  afterEach(() => {
    process.env.NODE_API_RATE_LIMIT = previous
  })

  it('answers 429 with Retry-After once a node spends its calls, without touching other nodes', async () => {
    process.env.NODE_API_RATE_LIMIT = '2'
    const net = await nodeNetwork()
    const dev = await net.credential(net.nodes.consumerDev.id, 'DEVELOPMENT')
    const prod = await net.credential(net.nodes.consumerProd.id, 'PRODUCTION')
    const first = await heartbeat(dev.token, validHeartbeat)
    expect(first.headers.get('ratelimit-remaining')).toBe('1')
    expect((await configuration(dev.token)).status).toBe(200)
    const limited = await heartbeat(dev.token, validHeartbeat)
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
    expect((await problemOf(limited)).title).toBe('Demasiadas solicitudes')
    expect((await configuration(prod.token)).status).toBe(200)
  })
})
