import { NextResponse, type NextRequest } from 'next/server'
import { refuseRequest } from '@/lib/http/request-guard'
import { messages } from '@/lib/i18n/messages'

/** Malformed or foreign requests get their 4xx here, before Next.js would answer them with a 500. */
export function proxy(request: NextRequest) {
  const refusal = refuseRequest(request)
  if (!refusal) return NextResponse.next()
  // An undecodable path is shown the portal's 404 page (any path no route matches renders it).
  if (refusal.status === 404) return NextResponse.rewrite(new URL('/_not-found-malformed-path', request.url), { status: 404 })
  const body = refusal.status === 403 ? messages.errors.forbidden : messages.errors.requestTooLarge
  return new NextResponse(body, { status: refusal.status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
}

export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'],
}
