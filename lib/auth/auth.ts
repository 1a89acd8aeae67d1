/**
 * Auth.js (next-auth v5) with database sessions: a session is a row, so signing out or disabling a
 * person ends it at once. Production login is ClaveÚnica; the demo sign-in (lib/auth/demo.ts) creates
 * the same kind of session for seeded people when demo mode is on (never with ClaveÚnica configured).
 *
 * The configuration is built per request: the ClaveÚnica provider of one sign-in carries that
 * callback's state and its own checks (lib/auth/claveunica.ts).
 */
import NextAuth, { type NextAuthConfig } from 'next-auth'
import type { NextRequest } from 'next/server'
import { db } from '@/lib/db/client'
import { env } from '@/lib/env'
import { personAdapter } from './adapter'
import {
  claveUnicaProvider,
  isClaveUnicaConfigured as claveUnicaConfigured,
  runFromClaims,
  type ClaveUnicaClaims,
} from './claveunica'
import { endReplacedSession } from './replace-session'
import { log } from '@/lib/log/logger'
import { sessionCookie, SESSION_MAX_AGE_SECONDS } from './session-cookie'

export const isClaveUnicaConfigured = claveUnicaConfigured()

const adapter = personAdapter(db)

function authConfig(request: NextRequest | undefined): NextAuthConfig {
  const isCallback = request?.nextUrl.pathname.endsWith('/callback/claveunica') ?? false
  const claveUnica = claveUnicaProvider(env, {
    callbackState: isCallback ? request?.nextUrl.searchParams.get('state') : null,
  })
  return {
    adapter,
    secret: env.AUTH_SECRET,
    providers: claveUnica ? [claveUnica] : [],
    // A session ends SESSION_MAX_AGE_SECONDS after sign-in: no sliding expiry (pages read the session
    // themselves, lib/auth/session-viewer.ts, and never write it; updateAge = maxAge keeps Auth.js's own
    // /api/auth/session from extending it either).
    session: { strategy: 'database', maxAge: SESSION_MAX_AGE_SECONDS, updateAge: SESSION_MAX_AGE_SECONDS },
    cookies: { sessionToken: sessionCookie },
    pages: { signIn: '/login', error: '/login' },
    trustHost: true,
    // Auth.js's own console logger prints an error's details, an ID token's claims (the RUN) among
    // them: its errors go to the portal's log by name and message only.
    logger: {
      // Auth.js's errors carry their kind in `type` (the class name is minified in a production build).
      error: (error) =>
        log.error(
          { authError: (error as Error & { type?: string }).type ?? error.name, detail: error.message },
          'authentication failed',
        ),
      warn: (code) => log.warn({ authWarning: code }, 'authentication warning'),
      debug: () => {},
    },
    callbacks: {
      async signIn({ user, account, profile }) {
        // The RUN ClaveÚnica asserts now (userinfo), not one stored from an earlier sign-in: it must
        // be valid and be the RUN of the person this ClaveÚnica account is linked to.
        const run =
          account?.provider === 'claveunica'
            ? runFromClaims(profile as ClaveUnicaClaims)
            : (user as { run?: string | null }).run
        const linkedRun = (user as { run?: string | null }).run
        if (!run || (linkedRun && linkedRun !== run)) return '/login?error=run'
        const person = await db.person.findUnique({ where: { run }, select: { disabledAt: true } })
        if (person?.disabledAt) return '/login?error=disabled'
        await endReplacedSession()
        return true
      },
      session({ session, user }) {
        return { ...session, user: { id: user.id, name: user.name, email: user.email } }
      },
    },
  }
}

export const { handlers, auth, signIn, signOut } = NextAuth((request) => authConfig(request))
