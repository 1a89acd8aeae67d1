import { NextResponse, type NextRequest } from 'next/server'
import { claveUnicaEndpoints, claveUnicaLogoutUrl, isClaveUnicaConfigured } from '@/lib/auth/claveunica'
import { env } from '@/lib/env'
import { refuseRequest } from '@/lib/http/request-guard'
import {
  HSTS,
  contentSecurityPolicy,
  originOf,
  servedOverHttps,
  staticSecurityHeaders,
} from '@/lib/http/security-headers'
import { messages } from '@/lib/i18n/messages'

/**
 * Every request passes here first:
 * - malformed or foreign requests get their 4xx before Next.js would answer them with a 500
 *   (lib/http/request-guard.ts);
 * - every response, pages, downloads and API routes alike, gets its security headers
 *   (lib/http/security-headers.ts). A fresh nonce per request goes on the request's CSP header, where
 *   Next.js reads it for its scripts; every page is therefore rendered per request (the root layout opts in).
 */
export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.randomUUID()).toString('base64')
  const https = servedOverHttps(request, env.AUTH_URL)
  const csp = contentSecurityPolicy({
    nonce,
    https,
    development: env.NODE_ENV === 'development',
    formTargets: claveUnicaOrigins(),
    // The API reference's renderer (Scalar) injects styles without the nonce (lib/openapi/reference-page.ts).
    inlineStyles: request.nextUrl.pathname === '/api/docs',
  })
  const response = respond(request, nonce, csp)
  response.headers.set('Content-Security-Policy', csp)
  for (const [name, value] of Object.entries(staticSecurityHeaders)) response.headers.set(name, value)
  if (https) response.headers.set('Strict-Transport-Security', HSTS)
  // Set by lib/server/http-hooks.ts before Next.js reads the request; echoed for the caller's logs.
  const requestId = request.headers.get('x-request-id')
  if (requestId) response.headers.set('x-request-id', requestId)
  return response
}

function respond(request: NextRequest, nonce: string, csp: string): NextResponse {
  const refusal = refuseRequest(request)
  if (refusal?.status === 404) {
    // An undecodable path is shown the portal's 404 page (any path no route matches renders it).
    return NextResponse.rewrite(new URL('/pagina-no-encontrada', request.url), { status: 404 })
  }
  if (refusal) {
    const body = refusal.status === 403 ? messages.errors.forbidden : messages.errors.requestTooLarge
    return new NextResponse(body, { status: refusal.status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
  }
  const requestHeaders = new Headers(request.headers)
  requestHeaders.set('x-nonce', nonce)
  requestHeaders.set('Content-Security-Policy', csp)
  return NextResponse.next({ request: { headers: requestHeaders } })
}

/** Sign-in posts to ClaveÚnica's authorization endpoint and sign-out redirects through its logout URL. */
function claveUnicaOrigins(): string[] {
  if (!isClaveUnicaConfigured()) return []
  const origins = [originOf(claveUnicaEndpoints().authorization), originOf(claveUnicaLogoutUrl())]
  return [...new Set(origins.filter((origin): origin is string => Boolean(origin)))]
}

export const config = {
  // Everything but Next.js's own hashed assets, which next.config.mjs gives the static headers.
  matcher: ['/((?!_next/static|_next/image).*)'],
}
