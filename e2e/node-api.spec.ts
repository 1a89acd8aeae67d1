/**
 * The node API on the running portal, attacked as a careless or hostile caller would: every refusal
 * is an RFC 9457 problem in Spanish with a 4xx status, never a 500, and no token reaches the log
 * (e2e/z-log-secrets.spec.ts reads the run's logs for the secrets remembered here).
 */
import pg from 'pg'
import { generateCredential } from '../lib/nodes/credentials'
import { expect, rememberSecret, test } from './support/fixtures'
import { E2E } from './support/env'

const heartbeatUrl = `${E2E.baseURL}/api/v1/node/heartbeat`
const configurationUrl = `${E2E.baseURL}/api/v1/node/configuration`
const validHeartbeat = { version: '2.1.0', hostName: 'nodo-dev-01.example.gob.cl', uptimeSeconds: 3600 }

/** A fresh credential for the seeded development node of Vallenar (written as the portal issues one). */
async function seededNodeToken(): Promise<{ token: string; nodeId: string }> {
  const { token, keyId, secretHash } = generateCredential('DEVELOPMENT')
  rememberSecret(token)
  rememberSecret(token.split('_').at(-1)!)
  const client = new pg.Client({ connectionString: E2E.databaseUrl })
  await client.connect()
  try {
    const { rows } = await client.query<{ id: string; issuer: string }>(
      `SELECT n.id, m."personId" AS issuer FROM "Node" n
         JOIN "Institution" i ON i.id = n."institutionId"
         JOIN "Membership" m ON m."institutionId" = i.id AND m.role = 'TECHNICAL_ADMIN'
        WHERE i."shortName" = 'Vallenar' AND n.environment = 'DEVELOPMENT' AND n."revokedAt" IS NULL
        LIMIT 1`,
    )
    expect(rows, 'the seed gives Vallenar a development node').toHaveLength(1)
    await client.query(
      `INSERT INTO "NodeCredential" (id, "nodeId", "keyId", "secretHash", "issuedById", "expiresAt")
       VALUES ($1, $2, $3, $4, $5, now() + interval '30 days')`,
      [`e2e-${keyId}`, rows[0]!.id, keyId, secretHash, rows[0]!.issuer],
    )
    return { token, nodeId: rows[0]!.id }
  } finally {
    await client.end()
  }
}

async function expectProblem(response: Response, status: number) {
  expect(response.status).toBe(status)
  expect(response.headers.get('content-type')).toBe('application/problem+json')
  const body = (await response.json()) as { status: number; title: string; detail?: string }
  expect(body.status).toBe(status)
  expect(body.title).toMatch(/^[A-ZÁÉÍÓÚÑ]/)
  return body
}

test('a wrong, malformed or other-environment credential gets 401, whatever the body', async () => {
  const { token } = await seededNodeToken()
  const wrongSecret = token.slice(0, -4) + (token.endsWith('AAAA') ? 'BBBB' : 'AAAA')
  rememberSecret(wrongSecret.split('_').at(-1)!)
  const otherEnvironment = token.replace('pisee_dev_', 'pisee_prod_')
  for (const authorization of [
    undefined,
    'Bearer',
    'Basic dXNlcjpwYXNz',
    `Bearer ${wrongSecret}`,
    `Bearer ${otherEnvironment}`,
    `Bearer ${token} sobrante`,
    `Bearer ${'x'.repeat(4000)}`,
  ]) {
    const response = await fetch(configurationUrl, { headers: authorization ? { authorization } : {} })
    const body = await expectProblem(response, 401)
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer realm=/)
    expect(body.detail).toMatch(/credencial/)
  }
  // A 20 MB body with a wrong credential is refused without being read.
  const refused = await fetch(heartbeatUrl, {
    method: 'POST',
    headers: { authorization: `Bearer ${wrongSecret}`, 'content-type': 'application/json' },
    body: 'x'.repeat(20 * 1024 * 1024),
  })
  await expectProblem(refused, 401)
  expect((await fetch(configurationUrl, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200)
})

test('bodies that are too large, not JSON, not UTF-8, with NUL or of the wrong type get 4xx problems, never 500', async () => {
  const { token, nodeId } = await seededNodeToken()
  const post = (body: BodyInit, contentType = 'application/json', init: RequestInit = {}) =>
    fetch(heartbeatUrl, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
      body,
      ...init,
    })

  // 20 MB, declared…
  await expectProblem(await post(JSON.stringify({ ...validHeartbeat, pad: 'x'.repeat(20 * 1024 * 1024) })), 413)
  // …and streamed without a length (chunked).
  const chunk = new TextEncoder().encode('x'.repeat(1024 * 1024))
  let sent = 0
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent++ === 20) controller.close()
      else controller.enqueue(chunk)
    },
  })
  await expectProblem(await post(stream, 'application/json', { duplex: 'half' } as RequestInit), 413)

  await expectProblem(await post('{"version": '), 400)
  await expectProblem(await post(new Uint8Array([0xff, 0xfe, 0x7b])), 400)
  await expectProblem(await post('{"version":"2.1.0","hostName":"a\u0000b","uptimeSeconds":1}'), 400)
  const nul = await expectProblem(
    await post(JSON.stringify({ ...validHeartbeat, selfChecks: [{ name: 'tls', status: 'OK', detail: 'a\u0000b' }] })),
    422,
  )
  expect(nul.detail).toBeTruthy()
  await expectProblem(await post(JSON.stringify(validHeartbeat), 'text/plain'), 415)
  await expectProblem(await post(JSON.stringify(validHeartbeat), 'application/x-www-form-urlencoded'), 415)
  await expectProblem(await post(JSON.stringify({ ...validHeartbeat, uptimeSeconds: 'mucho' })), 422)
  await expectProblem(await post('[]'), 422)

  // Nothing of that reached the node's row; a good heartbeat does.
  const client = new pg.Client({ connectionString: E2E.databaseUrl })
  await client.connect()
  try {
    const before = await client.query<{ hostName: string | null }>('SELECT "hostName" FROM "Node" WHERE id = $1', [
      nodeId,
    ])
    expect(before.rows[0]!.hostName).not.toBe(validHeartbeat.hostName)
    expect((await post(JSON.stringify(validHeartbeat))).status).toBe(200)
    const after = await client.query<{ hostName: string }>('SELECT "hostName" FROM "Node" WHERE id = $1', [nodeId])
    expect(after.rows[0]!.hostName).toBe(validHeartbeat.hostName)
  } finally {
    await client.end()
  }
})
