import 'server-only'
import { randomBytes } from 'node:crypto'
import { cookies } from 'next/headers'
import { db } from '@/lib/db/client'
import { env, type Env } from '@/lib/env'
import { hashSessionToken } from './adapter'
import { isClaveUnicaConfigured } from './claveunica'
import { endReplacedSession } from './replace-session'
import { deleteExpiredSessions } from './session-viewer'
import { sessionCookie, SESSION_MAX_AGE_SECONDS } from './session-cookie'

/**
 * Demo mode lets anyone sign in as a seeded person without ClaveÚnica. It is on only when
 * DEMO_MODE=true (the default of `npm start` on the embedded database) AND ClaveÚnica is not
 * configured: a server that real people can reach through ClaveÚnica never lets anyone become anyone.
 */
export function isDemoMode(
  source: Pick<Env, 'DEMO_MODE' | 'CLAVEUNICA_CLIENT_ID' | 'CLAVEUNICA_CLIENT_SECRET'> = env,
): boolean {
  return source.DEMO_MODE && !isClaveUnicaConfigured(source)
}

/** Opens a database session for `personId`, exactly like a ClaveÚnica login would. */
export async function startDemoSession(personId: string): Promise<boolean> {
  if (!isDemoMode()) return false
  const person = await db.person.findUnique({ where: { id: personId }, select: { disabledAt: true } })
  if (!person || person.disabledAt) return false
  await endReplacedSession()
  const sessionToken = randomBytes(32).toString('base64url')
  const expires = new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000)
  await deleteExpiredSessions(db, personId)
  await db.session.create({ data: { tokenHash: hashSessionToken(sessionToken), personId, expires } })
  ;(await cookies()).set(sessionCookie.name, sessionToken, { ...sessionCookie.options, expires })
  return true
}

export type DemoPerson = { id: string; name: string; roles: { role: string; institution: string | null }[] }

/** Everyone who can sign in, with their roles, for the demo sign-in page. */
export async function listDemoPeople(): Promise<DemoPerson[]> {
  if (!isDemoMode()) return []
  const people = await db.person.findMany({
    where: { disabledAt: null },
    orderBy: { name: 'asc' },
    take: 200,
    select: {
      id: true,
      name: true,
      memberships: { where: { endedAt: null }, select: { role: true, institution: { select: { shortName: true } } } },
      centralRoles: { where: { endedAt: null }, select: { role: true } },
    },
  })
  return people.map((p) => ({
    id: p.id,
    name: p.name,
    roles: [
      ...p.memberships.map((m) => ({ role: m.role as string, institution: m.institution.shortName })),
      ...p.centralRoles.map((r) => ({ role: r.role as string, institution: null })),
    ],
  }))
}
