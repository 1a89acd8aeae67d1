/**
 * Who may do what. The one place that maps roles to permissions; every server action, route handler
 * and query asks `can`/`authorize` (through lib/auth/viewer.ts) before anything else.
 */
import type { CentralRole, MembershipRole } from '@/lib/generated/prisma/enums'

export type { CentralRole, MembershipRole }
export type Role = MembershipRole | CentralRole

export const membershipRoles = ['CTD', 'TECHNICAL_ADMIN', 'BUSINESS_ADMIN'] as const satisfies readonly MembershipRole[]
export const centralRoles = ['DGD_REVIEWER', 'DGD_HEAD', 'AUDITOR'] as const satisfies readonly CentralRole[]

export type Permission =
  /** Browse the institutions registry and institution pages. */
  | 'institutions.browse'
  /** See the e-mail and history of an institution's members. */
  | 'members.read'
  /** Add members, designate roles, end designations. */
  | 'members.manage'
  /** Disable a person across the portal (ends their sessions). */
  | 'people.disable'
  /** Browse the audit log. */
  | 'audit.read'
  /** Browse the connection cases one is a party to (queries scope them). */
  | 'connections.read'
  /** Record convenios de cooperación (terms, documents, termination), training workshops and attendance. */
  | 'readiness.manage'

const membershipPermissions: Record<MembershipRole, readonly Permission[]> = {
  CTD: ['institutions.browse', 'members.read', 'members.manage', 'connections.read'],
  TECHNICAL_ADMIN: ['institutions.browse', 'members.read', 'connections.read'],
  BUSINESS_ADMIN: ['institutions.browse', 'members.read', 'connections.read'],
}

const centralPermissions: Record<CentralRole, readonly Permission[]> = {
  DGD_REVIEWER: ['institutions.browse', 'members.read', 'members.manage', 'people.disable', 'audit.read', 'connections.read', 'readiness.manage'],
  DGD_HEAD: ['institutions.browse', 'members.read', 'members.manage', 'people.disable', 'audit.read', 'connections.read', 'readiness.manage'],
  AUDITOR: ['institutions.browse', 'members.read', 'audit.read', 'connections.read'],
}

/** What the authorization checks need to know about the signed-in person. */
export type Principal = {
  personId: string
  memberships: readonly { institutionId: string; role: MembershipRole }[]
  centralRoles: readonly CentralRole[]
}

/**
 * Whether the principal holds `permission`: network-wide through a central role, or, when
 * `institutionId` is given, through a role in that institution. Without `institutionId`, any
 * institution's role counts (e.g. "may browse the registry at all").
 */
export function can(principal: Principal, permission: Permission, institutionId?: string): boolean {
  if (principal.centralRoles.some((role) => centralPermissions[role].includes(permission))) return true
  return principal.memberships.some(
    (m) =>
      (institutionId === undefined || m.institutionId === institutionId) &&
      membershipPermissions[m.role].includes(permission),
  )
}

/** Institutions where the principal holds `permission` through a membership; `'all'` through a central role. */
export function institutionsWhere(principal: Principal, permission: Permission): 'all' | string[] {
  if (principal.centralRoles.some((role) => centralPermissions[role].includes(permission))) return 'all'
  return [
    ...new Set(
      principal.memberships.filter((m) => membershipPermissions[m.role].includes(permission)).map((m) => m.institutionId),
    ),
  ]
}

export function isCentralStaff(principal: Principal): boolean {
  return principal.centralRoles.some((role) => role === 'DGD_REVIEWER' || role === 'DGD_HEAD')
}

export class ForbiddenError extends Error {
  constructor(readonly permission: Permission) {
    super(`Forbidden: ${permission}`)
    this.name = 'ForbiddenError'
  }
}

export function authorize(principal: Principal, permission: Permission, institutionId?: string): void {
  if (!can(principal, permission, institutionId)) throw new ForbiddenError(permission)
}
