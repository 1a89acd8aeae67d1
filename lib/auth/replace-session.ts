import 'server-only'
import { cookies } from 'next/headers'
import { db } from '@/lib/db/client'
import { hashSessionToken } from './adapter'
import { sessionCookie } from './session-cookie'

/**
 * Ends the session this browser holds, if any: called when a new sign-in from the same browser is
 * accepted, so that the session it replaces cannot be used by whoever kept its token. Also keeps
 * Auth.js from linking a new ClaveÚnica account to the person the old session belonged to.
 */
export async function endReplacedSession(): Promise<void> {
  const token = (await cookies()).get(sessionCookie.name)?.value
  if (token) await db.session.deleteMany({ where: { tokenHash: hashSessionToken(token) } })
}
