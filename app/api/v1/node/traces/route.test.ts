import { describe, expect, it } from 'vitest'
import { db, dbPool } from '@/lib/db/client'
import { traceScenario, wireRecord } from '@/test/support/traces'
import { POST } from './route'

const post = (body: unknown, token?: string, contentType = 'application/json') =>
  POST(
    new Request('http://localhost/api/v1/node/traces', {
      method: 'POST',
      headers: { 'Content-Type': contentType, ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
  )

/** What a node has in the registry: its records and its batches. */
const tableCounts = async (nodeId: string) =>
  (
    await dbPool().query<{ records: number; batches: number }>(
      `SELECT (SELECT count(*)::int FROM traces.record WHERE reporter_node_id = $1) AS records,
              (SELECT count(*)::int FROM traces.batch WHERE node_id = $1) AS batches`,
      [nodeId],
    )
  ).rows[0]!

const storedBy = async (nodeId: string) =>
  (
    await dbPool().query<{ n: number }>('SELECT count(*)::int AS n FROM traces.record WHERE reporter_node_id = $1', [
      nodeId,
    ])
  ).rows[0]!.n

describe('POST /api/v1/node/traces', () => {
  it('stores a batch from an authenticated node and answers after commit', async () => {
    const s = await traceScenario()
    const response = await post({ records: [wireRecord(s), wireRecord(s)] }, s.consumerSide.token)
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ received: 2, stored: 2 })
    expect(await storedBy(s.consumerSide.node.id)).toBe(2)
  })

  it('refuses a missing, wrong or revoked credential with 401, storing nothing', async () => {
    const s = await traceScenario()
    const body = { records: [wireRecord(s)] }
    for (const token of [undefined, 'pisee_prod_0123456789abcdef_' + 'x'.repeat(43), s.consumerSide.token + 'x']) {
      const response = await post(body, token)
      expect(response.status).toBe(401)
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/)
      expect(response.headers.get('content-type')).toBe('application/problem+json')
    }
    await db.nodeCredential.update({ where: { id: s.consumerSide.credential.id }, data: { revokedAt: new Date() } })
    expect((await post(body, s.consumerSide.token)).status).toBe(401)
    await db.node.update({ where: { id: s.providerSide.node.id }, data: { revokedAt: new Date() } })
    expect((await post(body, s.providerSide.token)).status).toBe(401)
    expect(await storedBy(s.consumerSide.node.id)).toBe(0)
    expect(await storedBy(s.providerSide.node.id)).toBe(0)
  })

  it('answers 422 with a pointer per bad record, 400 for a body that is not JSON, and stores nothing', async () => {
    const s = await traceScenario()
    const response = await post(
      { records: [wireRecord(s), wireRecord(s, { messageSha256: 'abc' }), wireRecord(s, { result: 'MAYBE' })] },
      s.consumerSide.token,
    )
    expect(response.status).toBe(422)
    const problem = (await response.json()) as { errors: { pointer: string; detail: string }[] }
    expect(problem.errors.map((e) => e.pointer)).toEqual(['/records/1/messageSha256', '/records/2/result'])
    expect(problem.errors[0]!.detail).toMatch(/SHA-256/)
    expect((await post('{"records": [', s.consumerSide.token)).status).toBe(400)
    expect((await post({ records: [] }, s.consumerSide.token)).status).toBe(422)
    expect(await storedBy(s.consumerSide.node.id)).toBe(0)
  })

  it("refuses another institution's exchange with 403", async () => {
    const s = await traceScenario()
    const response = await post({ records: [wireRecord(s)] }, s.outsiderSide.token)
    expect(response.status).toBe(403)
    expect(await response.json()).toMatchObject({ errors: [{ pointer: '/records/0' }] })
    expect(await storedBy(s.outsiderSide.node.id)).toBe(0)
  })

  it('answers a re-sent batch, also two racing copies, exactly as the first', async () => {
    const s = await traceScenario()
    const body = { records: Array.from({ length: 100 }, () => wireRecord(s)) }
    const [a, b] = await Promise.all([post(body, s.consumerSide.token), post(body, s.consumerSide.token)])
    const c = await post(body, s.consumerSide.token)
    const [ja, jb, jc] = await Promise.all([a.json(), b.json(), c.json()])
    expect(ja).toEqual(jb)
    expect(jc).toEqual(ja)
    expect(ja).toMatchObject({ received: 100, stored: 100 })
    expect(await storedBy(s.consumerSide.node.id)).toBe(100)
  })

  it('answers every hostile body with a problem+json 4xx and leaves the registry unchanged', async () => {
    const s = await traceScenario()
    const token = s.consumerSide.token
    const before = await tableCounts(s.consumerSide.node.id)
    const ok = wireRecord(s)
    const cases: { name: string; response: () => Promise<Response>; status: number }[] = [
      {
        name: '20 MB body',
        response: () => post(`{"records":["${'x'.repeat(20 * 1024 * 1024)}"]}`, token),
        status: 413,
      },
      {
        name: 'raw NUL byte',
        response: () => post('{"records":[{"traceId":"a\u0000b"}]}', token),
        status: 400,
      },
      {
        name: 'escaped NUL in a token',
        response: () => post({ records: [{ ...ok, traceId: 'a\u0000b' }] }, token),
        status: 422,
      },
      {
        name: 'escaped NUL in the operation',
        response: () => post({ records: [{ ...ok, operation: 'x\u0000' }] }, token),
        status: 422,
      },
      {
        name: 'NUL in the RUN',
        response: () => post({ records: [{ ...ok, subjectRun: '12.345.678-5\u0000' }] }, token),
        status: 422,
      },
      {
        name: '30 February',
        response: () => post({ records: [{ ...ok, time: '2026-02-30T10:00:00Z' }] }, token),
        status: 422,
      },
      {
        name: 'hour 25',
        response: () => post({ records: [{ ...ok, time: '2026-11-30T25:00:00Z' }] }, token),
        status: 422,
      },
      {
        name: 'year 99999',
        response: () => post({ records: [{ ...ok, time: '99999-01-01T00:00:00Z' }] }, token),
        status: 422,
      },
      {
        name: 'far future',
        response: () => post({ records: [{ ...ok, time: '2099-01-01T00:00:00Z' }] }, token),
        status: 422,
      },
      {
        name: '5,001 records',
        response: () => post({ records: Array.from({ length: 5_001 }, () => wireRecord(s)) }, token),
        status: 422,
      },
      {
        name: 'form content type',
        response: () => post({ records: [ok] }, token, 'application/x-www-form-urlencoded'),
        status: 415,
      },
      { name: 'text content type', response: () => post({ records: [ok] }, token, 'text/plain'), status: 415 },
      { name: 'records not a list', response: () => post({ records: { 0: ok } }, token), status: 422 },
      { name: 'a JSON string', response: () => post('"records"', token), status: 422 },
      {
        name: 'latency as a huge number',
        response: () => post({ records: [{ ...ok, latencyMs: 1e308 }] }, token),
        status: 422,
      },
    ]
    for (const c of cases) {
      const response = await c.response()
      expect(response.status, c.name).toBe(c.status)
      expect(response.headers.get('content-type'), c.name).toBe('application/problem+json')
      const problem = (await response.json()) as { title: string; detail: string }
      expect(problem.title, c.name).toBeTruthy()
    }
    // A charset parameter is still JSON.
    expect((await post({ records: [] }, token, 'application/json; charset=utf-8')).status).toBe(422)
    expect(await tableCounts(s.consumerSide.node.id)).toEqual({ records: 0, batches: 0 })
    expect(before).toEqual({ records: 0, batches: 0 })
  })
})
