import { env } from '@/lib/env'

/** The session cookie, named here so the demo sign-in sets exactly what Auth.js reads. */
const secure = (env.AUTH_URL ?? '').startsWith('https://')

export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60

export const sessionCookie = {
  name: secure ? '__Secure-pisee.session-token' : 'pisee.session-token',
  options: { httpOnly: true, sameSite: 'lax' as const, path: '/', secure },
}
