/**
 * The viewer of a session token in one SQL statement: the session (by the SHA-256 of the token, as
 * the adapter stores it), its person, the person's active memberships with their institutions and
 * central roles, and the count of their pending notices that the header shows. Every page and action
 * reads this first; Auth.js's own session read (a Request built and parsed per call, the session and
 * its person) followed by the person loaded again with its roles, one SQL statement per relation, cost
 * seven round trips and 15–30 % of a signed-in page's CPU (docs/decisions/023-page-speed-3.md).
 *
 * Same rules as Auth.js's database-session read, stricter where it wrote on a GET:
 * - an unknown token, an expired session or a disabled person give null;
 * - an expired session is refused but not deleted here (a GET changes no state): expired rows are
 *   removed when the person signs in again (deleteExpiredSessions);
 * - the expiry does not slide: a session ends SESSION_MAX_AGE_SECONDS after sign-in, as the cookie
 *   (set once at sign-in, never refreshed by a page) already did.
 */
import type { Db, Tx } from '@/lib/db/client'
import { hashSessionToken } from './adapter'
import type { Viewer } from './load-viewer'
import type { CentralRole, MembershipRole } from './roles'

/** A token longer than this was not issued by us (ours are 32 random bytes): not worth a query. */
const MAX_TOKEN_LENGTH = 512

type ViewerRow = {
  id: string
  name: string
  run: string
  email: string | null
  expires: Date
  memberships: Viewer['memberships'] | null
  centralRoles: CentralRole[] | null
  unread: number
}

/** The pending-notice count read with each viewer (lib/notifications/queries.ts `unreadCount` uses it). */
const unreadCounts = new WeakMap<object, number>()

/** The count of pending notices read together with this viewer object, if it was. */
export function unreadCountReadWith(viewer: object): number | undefined {
  return unreadCounts.get(viewer)
}

export async function viewerForSessionToken(db: Db, sessionToken: string, now = new Date()): Promise<Viewer | null> {
  if (!sessionToken || sessionToken.length > MAX_TOKEN_LENGTH) return null
  const rows = await db.$queryRaw<ViewerRow[]>`
    SELECT p.id, p.name, p.run, p.email, s.expires,
      (SELECT json_agg(json_build_object(
                'institutionId', i.id, 'institutionName', i.name,
                'institutionShortName', i."shortName", 'role', m.role)
              ORDER BY i.name, m.role)
         FROM "Membership" m JOIN "Institution" i ON i.id = m."institutionId"
        WHERE m."personId" = p.id AND m."endedAt" IS NULL) AS memberships,
      (SELECT json_agg(c.role ORDER BY c.role)
         FROM "CentralRoleAssignment" c
        WHERE c."personId" = p.id AND c."endedAt" IS NULL) AS "centralRoles",
      (SELECT count(*)::int FROM "Notification" n
        WHERE n."recipientId" = p.id AND n."readAt" IS NULL AND n."resolvedAt" IS NULL) AS unread
    FROM "Session" s JOIN "Person" p ON p.id = s."personId"
    WHERE s."tokenHash" = ${hashSessionToken(sessionToken)} AND p."disabledAt" IS NULL`
  const row = rows[0]
  // Compared here, as Auth.js does, on the value Prisma read (stored in UTC), not with the server's now().
  if (!row || row.expires.valueOf() <= now.valueOf()) return null
  const viewer: Viewer = {
    personId: row.id,
    name: row.name,
    run: row.run,
    email: row.email,
    memberships: (row.memberships ?? []).map((m) => ({ ...m, role: m.role as MembershipRole })),
    centralRoles: row.centralRoles ?? [],
  }
  unreadCounts.set(viewer, row.unread)
  return viewer
}

/** Removes a person's expired sessions: called when they sign in (a POST), never on a page's GET. */
export async function deleteExpiredSessions(db: Db | Tx, personId: string, now = new Date()): Promise<void> {
  await db.session.deleteMany({ where: { personId, expires: { lte: now } } })
}
