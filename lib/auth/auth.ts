/**
 * Auth.js (next-auth v5) with database sessions: a session is a row, so signing out or disabling a
 * person ends it at once. Production login is ClaveÚnica; the demo sign-in (lib/auth/demo.ts) creates
 * the same kind of session for seeded people when demo mode is on.
 */
import NextAuth, { type NextAuthConfig } from 'next-auth'
import type { Provider } from 'next-auth/providers'
import { db } from '@/lib/db/client'
import { env } from '@/lib/env'
import { personAdapter } from './adapter'
import { claveUnicaProvider } from './claveunica'
import { endReplacedSession } from './replace-session'
import { sessionCookie, SESSION_MAX_AGE_SECONDS } from './session-cookie'

const claveUnica = claveUnicaProvider()
const providers: Provider[] = claveUnica ? [claveUnica] : []

export const isClaveUnicaConfigured = claveUnica !== null

const config: NextAuthConfig = {
  adapter: personAdapter(db),
  secret: env.AUTH_SECRET,
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
      await endReplacedSession()
      return true
    },
    session({ session, user }) {
      return { ...session, user: { id: user.id, name: user.name, email: user.email } }
    },
  },
}

export const { handlers, auth, signIn, signOut } = NextAuth(config)
