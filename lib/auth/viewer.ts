import 'server-only'
import { forbidden, redirect } from 'next/navigation'
import { cookies } from 'next/headers'
import { cache } from 'react'
import { db } from '@/lib/db/client'
import { setLogContext } from '@/lib/log/logger'
import { loadViewer, type Viewer } from './load-viewer'
import { can, type Permission } from './roles'
import { sessionCookie } from './session-cookie'
import { viewerForSessionToken } from './session-viewer'

export { loadViewer, type Viewer }

/**
 * The viewer of this request, or null when signed out. Cached for the request. The session cookie is
 * read here in one query (lib/auth/session-viewer.ts), not through Auth.js's `auth()`, which built and
 * parsed a whole Request, read the session and its person, after which the person was loaded again with
 * memberships and roles: one SQL statement per relation, on every page.
 */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const token = (await cookies()).get(sessionCookie.name)?.value
  const viewer = token ? await viewerForSessionToken(db, token) : null
  // Every later log line of this request names the person it acts for (their id, never their RUN).
  if (viewer) setLogContext({ personId: viewer.personId })
  return viewer
})

/** For server actions: the viewer if they hold `permission` (for `institutionId`); null otherwise, and the action refuses. */
export async function getAuthorizedViewer(permission: Permission, institutionId?: string): Promise<Viewer | null> {
  const viewer = await getViewer()
  return viewer && can(viewer, permission, institutionId) ? viewer : null
}

/** For pages: the viewer, or a redirect to the login page. */
export async function requireViewer(): Promise<Viewer> {
  const viewer = await getViewer()
  if (!viewer) redirect('/login')
  return viewer
}

/** For pages: the viewer if they hold `permission` (for `institutionId`), else the 403 page. */
export async function requirePermission(permission: Permission, institutionId?: string): Promise<Viewer> {
  const viewer = await requireViewer()
  if (!can(viewer, permission, institutionId)) forbidden()
  return viewer
}
