/**
 * What Next.js answered with a 500 gets its 4xx before any route runs (issue 7 §2): measured on a
 * production build, a bad percent-encoding in the path, a server action posted from another origin
 * and a 20 MB server-action body were each "Internal Server Error".
 */
import { describe, expect, it } from 'vitest'
import { refuseRequest, SERVER_ACTION_BODY_LIMIT_BYTES } from './request-guard'

const action = (headers: Record<string, string>, path = '/connections/abc') =>
  new Request(`http://portal.example.cl${path}`, {
    method: 'POST',
    headers: { host: 'portal.example.cl', 'next-action': '40ab', ...headers },
  })

describe('refuseRequest', () => {
  it('answers 404 for a path that cannot be decoded', () => {
    expect(refuseRequest(new Request('http://portal.example.cl/institutions/%E0%A4%A'))).toEqual({ status: 404 })
    expect(refuseRequest(new Request('http://portal.example.cl/agreements/%'))).toEqual({ status: 404 })
    expect(refuseRequest(new Request('http://portal.example.cl/institutions/%C3%B1'))).toBeNull()
  })

  it('answers 403 to a post from another origin, and lets the same origin through', () => {
    expect(refuseRequest(action({ origin: 'https://evil.example' }))).toEqual({ status: 403 })
    expect(refuseRequest(action({ origin: 'null' }))).toEqual({ status: 403 })
    expect(refuseRequest(action({ origin: 'http://portal.example.cl' }))).toBeNull()
    expect(
      refuseRequest(action({ origin: 'https://portal.example.cl', 'x-forwarded-host': 'portal.example.cl' })),
    ).toBeNull()
    expect(refuseRequest(action({}))).toBeNull()
  })

  it('answers 413 to a body over the server actions limit', () => {
    expect(refuseRequest(action({ 'content-length': String(20 * 1024 * 1024) }))).toEqual({ status: 413 })
    expect(refuseRequest(action({ 'content-length': 'abc' }))).toEqual({ status: 413 })
    expect(refuseRequest(action({ 'content-length': String(SERVER_ACTION_BODY_LIMIT_BYTES) }))).toBeNull()
  })

  it('leaves to route handlers with checks of their own, and to reads, what is theirs', () => {
    expect(
      refuseRequest(action({ 'content-length': String(20 * 1024 * 1024) }, '/institutions/abc/readiness/documents')),
    ).toBeNull()
    expect(
      refuseRequest(action({ origin: 'https://accounts.claveunica.gob.cl' }, '/api/auth/callback/claveunica')),
    ).toBeNull()
    // The node API answers size and content with its own problem+json; nodes send no Origin or cookies.
    expect(refuseRequest(action({ 'content-length': String(20 * 1024 * 1024) }, '/api/v1/node/heartbeat'))).toBeNull()
    expect(
      refuseRequest(
        new Request('http://portal.example.cl/connections', { headers: { origin: 'https://evil.example' } }),
      ),
    ).toBeNull()
  })
})
