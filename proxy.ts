import { NextResponse, type NextRequest } from 'next/server'
import {
  HSTS,
  contentSecurityPolicy,
  originOf,
  servedOverHttps,
  staticSecurityHeaders,
} from '@/lib/http/security-headers'

/**
 * Security headers on every response, pages, downloads and API routes alike (lib/http/security-headers.ts).
 * A fresh nonce per request goes on the request's CSP header, where Next.js reads it for its scripts;
 * every page is therefore rendered per request (the root layout opts in).
 */
export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.randomUUID()).toString('base64')
  const https = servedOverHttps(request, process.env.AUTH_URL)
  const claveUnica = originOf(process.env.CLAVEUNICA_ISSUER)
  const csp = contentSecurityPolicy({
    nonce,
    https,
    development: process.env.NODE_ENV === 'development',
    formTargets: claveUnica ? [claveUnica] : [],
  })

  const requestHeaders = new Headers(request.headers)
  requestHeaders.set('x-nonce', nonce)
  requestHeaders.set('Content-Security-Policy', csp)
  const response = NextResponse.next({ request: { headers: requestHeaders } })
  response.headers.set('Content-Security-Policy', csp)
  for (const [name, value] of Object.entries(staticSecurityHeaders)) response.headers.set(name, value)
  if (https) response.headers.set('Strict-Transport-Security', HSTS)
  return response
}

export const config = {
  // Everything but Next.js's own hashed assets, which next.config.mjs gives the static headers.
  matcher: ['/((?!_next/static|_next/image).*)'],
}
