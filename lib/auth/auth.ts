/**
 * Auth.js (next-auth v5) with database sessions: a session is a row, so signing out or disabling a
 * person ends it at once. Production login is ClaveÚnica; the demo sign-in (lib/auth/demo.ts) creates
 * the same kind of session for seeded people when demo mode is on.
 */
import { Auth } from '@auth/core'
import NextAuth, { type NextAuthConfig } from 'next-auth'
import type { Provider } from 'next-auth/providers'
import type { NextRequest } from 'next/server'
import { db } from '@/lib/db/client'
import { personAdapter } from './adapter'
import { claveUnicaProvider } from './claveunica'
import { sessionCookie, SESSION_MAX_AGE_SECONDS } from './session-cookie'

const claveUnica = claveUnicaProvider()
const providers: Provider[] = claveUnica ? [claveUnica] : []

export const isClaveUnicaConfigured = claveUnica !== null

const config: NextAuthConfig = {
  adapter: personAdapter(db),
  providers,
  session: { strategy: 'database', maxAge: SESSION_MAX_AGE_SECONDS, updateAge: 15 * 60 },
  cookies: { sessionToken: sessionCookie },
  pages: { signIn: '/login', error: '/login' },
  trustHost: true,
  callbacks: {
    async signIn({ user }) {
      const run = (user as { run?: string | null }).run
      if (!run) return '/login?error=run'
      const person = await db.person.findUnique({ where: { run }, select: { disabledAt: true } })
      if (person?.disabledAt) return '/login?error=disabled'
      return true
    },
    session({ session, user }) {
      return { ...session, user: { id: user.id, name: user.name, email: user.email } }
    },
  },
}

// NextAuth() completes `config` in place (secret, basePath, …): the handlers below rely on that.
const nextAuth = NextAuth(config)
export const { auth, signIn, signOut } = nextAuth

type RouteHandler = (req: NextRequest) => Promise<Response>

/**
 * The Auth.js route handlers, on AUTH_URL's origin as given. next-auth rebases each request onto
 * AUTH_URL as a NextRequest, and Next.js turns every loopback host (127.0.0.1, [::1]) in a NextRequest
 * URL into "localhost" (nextauthjs/next-auth#12321). With AUTH_URL=http://127.0.0.1:3100 the sign-in
 * (a server action, which uses AUTH_URL unchanged) sent redirect_uri http://127.0.0.1:3100/…, but the
 * callback asked for the token with http://localhost:3100/…: refused (redirect_uri mismatch), and
 * every redirect went to an origin without the portal's cookies. A plain Request keeps the origin.
 */
function onAuthUrl(handler: RouteHandler): RouteHandler {
  return async (req) => {
    const authUrl = process.env.AUTH_URL
    if (!authUrl) return handler(req)
    const { pathname, search } = new URL(req.url)
    const hasBody = req.method !== 'GET' && req.method !== 'HEAD'
    const init = { method: req.method, headers: req.headers, body: hasBody ? req.body : null, duplex: 'half' }
    return Auth(new Request(new URL(`${pathname}${search}`, new URL(authUrl).origin), init as RequestInit), config)
  }
}

export const handlers = { GET: onAuthUrl(nextAuth.handlers.GET), POST: onAuthUrl(nextAuth.handlers.POST) }
