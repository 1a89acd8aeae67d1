import { can, type Principal } from '@/lib/auth/roles'

export type NavItem = {
  href: string
  label:
    | 'home'
    | 'catalog'
    | 'institutions'
    | 'connections'
    | 'agreements'
    | 'myInstitution'
    | 'members'
    | 'trainings'
    | 'nodes'
    | 'audit'
    | 'traces'
}

/** The navigation a person sees follows from what they may do, never from a separate list per role. */
export function navigationFor(viewer: Principal): NavItem[] {
  const items: NavItem[] = [{ href: '/', label: 'home' }]
  if (can(viewer, 'connections.read')) {
    items.push({ href: '/connections', label: 'connections' }, { href: '/agreements', label: 'agreements' })
  }
  // The published catalog is open to every signed-in person.
  items.push({ href: '/catalog', label: 'catalog' })
  if (can(viewer, 'institutions.browse')) items.push({ href: '/institutions', label: 'institutions' })
  const own = viewer.memberships[0]?.institutionId
  if (own) {
    items.push({ href: `/institutions/${own}`, label: 'myInstitution' })
    if (can(viewer, 'members.manage', own)) items.push({ href: `/institutions/${own}/members`, label: 'members' })
  }
  if (can(viewer, 'readiness.manage')) items.push({ href: '/trainings', label: 'trainings' })
  if (can(viewer, 'nodes.monitor')) items.push({ href: '/nodes', label: 'nodes' })
  if (can(viewer, 'audit.read')) items.push({ href: '/audit', label: 'audit' })
  if (can(viewer, 'traces.read')) items.push({ href: '/traces', label: 'traces' })
  return items
}
