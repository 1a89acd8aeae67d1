import 'server-only'
import { forbidden, redirect } from 'next/navigation'
import { cache } from 'react'
import { setLogContext } from '@/lib/log/logger'
import { auth } from './auth'
import { loadViewer, type Viewer } from './load-viewer'
import { can, type Permission } from './roles'

export { loadViewer, type Viewer }

/** The viewer of this request, or null when signed out. Cached for the request. */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const session = await auth()
  const viewer = session?.user?.id ? await loadViewer(session.user.id) : null
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
