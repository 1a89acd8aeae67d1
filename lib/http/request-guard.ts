/**
 * Requests the portal refuses before any route runs, with the status that says why, where Next.js
 * itself would answer 500: a path that cannot be decoded (bad percent-encoding such as %E0%A4%A) is
 * 404; a post from another site (its Origin is not this host) is 403; a server action's body over
 * the limit of next.config.mjs is 413. Called by proxy.ts.
 */
import { sameOrigin } from './request'

/** next.config.mjs `experimental.serverActions.bodySizeLimit` ('11mb'): keep the two equal. */
export const SERVER_ACTION_BODY_LIMIT_BYTES = 11 * 1024 * 1024

/**
 * Route handlers that take posts of their own: they check origin and size themselves. Auth.js has its
 * own CSRF token; the machine APIs (/api/v1/) take no cookies, only bearer credentials, and answer a
 * too-large body with their own problem+json 413.
 */
const OWN_CHECKS = [/^\/api\/auth\//, /^\/api\/v1\//, /^\/institutions\/[^/]+\/readiness\/documents$/]

export type Refusal = { status: 404 | 403 | 413 }

export function refuseRequest(request: Request): Refusal | null {
  const url = new URL(request.url)
  try {
    decodeURIComponent(url.pathname)
  } catch {
    return { status: 404 }
  }
  if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return null
  if (OWN_CHECKS.some((pattern) => pattern.test(url.pathname))) return null
  if (!sameOrigin(request)) return { status: 403 }
  const length = request.headers.get('content-length')
  if (length !== null && !(Number(length) <= SERVER_ACTION_BODY_LIMIT_BYTES)) return { status: 413 }
  return null
}
