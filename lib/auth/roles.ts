/**
 * Who may do what. The one place that maps roles to permissions, in one vocabulary: every server
 * action, route handler, query, domain check and UI flag asks `can`/`authorize` (an institution's or
 * the network's permissions) or `mayInCase`/`authorizeInCase` (a connection case's, by the side of
 * the case a role is held on) before anything else.
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
  /** See an institution's readiness: its convenio de cooperación, trainings attended. */
  | 'readiness.read'
  /** Open a connection case by asking the DGD for a meeting, speaking for the institution. */
  | 'connections.request'
  /** End an institution's last CTD designation (an institution may not do it to itself). */
  | 'members.endLastCtd'
  /** Give a person who has none an e-mail address (otherwise it is the person's own to give). */
  | 'people.setEmail'
  /** Search the trace registry: an institution's members the records it is party to; auditors and DGD all. */
  | 'traces.read'
  /** See an institution's nodes, their grants and their credentials (never a secret). */
  | 'nodes.read'
  /** Issue and rotate the credentials of the institution's nodes (the token is shown once, to them). */
  | 'nodes.issueCredential'
  /** Revoke a node or one of its credentials, at once. */
  | 'nodes.revoke'
  /** The network's node health page: every node, its version, heartbeat and credentials. */
  | 'nodes.monitor'
  /** Ask for a service, a new version or a schema of the institution to be published (lib/review). */
  | 'publications.request'
  /** See the institution's publication requests (all of them, for central staff). */
  | 'publications.read'
  /** Deprecate a published service or schema version, with the date it stops. */
  | 'publications.deprecate'
  /**
   * See an institution's catalog entries that are not published yet (drafts, in review) and the
   * institutions connected to its services. Browsing the published catalog needs only a session.
   */
  | 'catalog.readInternal'

const membershipPermissions: Record<MembershipRole, readonly Permission[]> = {
  CTD: [
    'institutions.browse',
    'members.read',
    'members.manage',
    'connections.read',
    'readiness.read',
    'connections.request',
    'nodes.read',
    'traces.read',
    'publications.read',
    'catalog.readInternal',
  ],
  TECHNICAL_ADMIN: [
    'institutions.browse',
    'members.read',
    'connections.read',
    'readiness.read',
    'nodes.read',
    'nodes.issueCredential',
    'traces.read',
    'publications.request',
    'publications.read',
    'publications.deprecate',
    'catalog.readInternal',
  ],
  BUSINESS_ADMIN: [
    'institutions.browse',
    'members.read',
    'connections.read',
    'readiness.read',
    'nodes.read',
    'traces.read',
    'catalog.readInternal',
  ],
}

const dgdStaff = [
  'institutions.browse',
  'members.read',
  'members.manage',
  'members.endLastCtd',
  'people.disable',
  'people.setEmail',
  'audit.read',
  'connections.read',
  'readiness.manage',
  'readiness.read',
  'nodes.read',
  'nodes.revoke',
  'nodes.monitor',
  'traces.read',
  'publications.read',
  'publications.deprecate',
  'catalog.readInternal',
] as const

const centralPermissions: Record<CentralRole, readonly Permission[]> = {
  DGD_REVIEWER: dgdStaff,
  DGD_HEAD: dgdStaff,
  AUDITOR: [
    'institutions.browse',
    'members.read',
    'audit.read',
    'connections.read',
    'readiness.read',
    'nodes.read',
    'nodes.monitor',
    'traces.read',
    'publications.read',
    'catalog.readInternal',
  ],
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
      principal.memberships
        .filter((m) => membershipPermissions[m.role].includes(permission))
        .map((m) => m.institutionId),
    ),
  ]
}

export class ForbiddenError extends Error {
  constructor(readonly permission: Permission | CasePermission) {
    super(`Forbidden: ${permission}`)
    this.name = 'ForbiddenError'
  }
}

export function authorize(principal: Principal, permission: Permission, institutionId?: string): void {
  if (!can(principal, permission, institutionId)) throw new ForbiddenError(permission)
}

// ───────────────────────────── Connection cases ─────────────────────────────

/** The two sides of a connection case: the institution that consumes a service, and its provider. */
export type CaseSide = 'CONSUMER' | 'PROVIDER'

/** What may be done on one connection case. */
export type CasePermission =
  /** Schedule the meeting a case opens with. */
  | 'meetings.schedule'
  /** Record the meeting held, with its notes. */
  | 'meetings.record'
  /** Ask the provider for the agreement its service requires. */
  | 'agreements.request'
  /** Approve (with service levels) or reject the agreement asked for. */
  | 'agreements.approve'
  /** Sign the approved agreement for one's side. */
  | 'agreements.sign'
  /** Give notice of the end of an agreement in force. */
  | 'agreements.terminate'
  /** Hand the consumer its development node. */
  | 'nodes.provision'
  /** Revoke the case's access (grant) of a node to its service. */
  | 'grants.revoke'
  /** Record a connectivity test of the development node. */
  | 'connectivity.record'
  /** Ask for the promotion to production. */
  | 'promotions.request'
  /** Review a promotion request (the first of the DGD's two approvals), or reject it. */
  | 'promotions.review'
  /** Approve a reviewed promotion (the second approval), or reject it. */
  | 'promotions.approve'
  /** Assign the case to a DGD reviewer, whose work queue then lists it. */
  | 'cases.assignReviewer'

/** Who holds a case permission: roles on the consumer's side, on the provider's side, at the DGD. */
type CaseGrant = {
  CONSUMER?: readonly MembershipRole[]
  PROVIDER?: readonly MembershipRole[]
  central?: readonly CentralRole[]
}

const dgd = ['DGD_REVIEWER', 'DGD_HEAD'] as const satisfies readonly CentralRole[]

const casePermissions: Record<CasePermission, CaseGrant> = {
  'meetings.schedule': { central: dgd },
  'meetings.record': { central: dgd },
  'agreements.request': { CONSUMER: ['BUSINESS_ADMIN'] },
  'agreements.approve': { PROVIDER: ['BUSINESS_ADMIN'] },
  'agreements.sign': { CONSUMER: ['BUSINESS_ADMIN'], PROVIDER: ['BUSINESS_ADMIN'] },
  'agreements.terminate': { CONSUMER: ['BUSINESS_ADMIN'], PROVIDER: ['BUSINESS_ADMIN'] },
  'nodes.provision': { central: dgd },
  'grants.revoke': { central: dgd },
  'connectivity.record': { CONSUMER: ['TECHNICAL_ADMIN'] },
  'promotions.request': { CONSUMER: ['CTD'] },
  // Two people approve a promotion: a reviewer, then the head (workflow.ts refuses the same person twice).
  'promotions.review': { central: ['DGD_REVIEWER'] },
  'promotions.approve': { central: ['DGD_HEAD'] },
  'cases.assignReviewer': { central: ['DGD_HEAD'] },
}

/** The institutions of a case. */
export type CaseParties = { consumerId: string; providerId: string }

/** A principal's standing in one case: the roles they hold on each side and at the DGD. */
export type CaseStanding = {
  personId: string
  consumerRoles: readonly MembershipRole[]
  providerRoles: readonly MembershipRole[]
  centralRoles: readonly CentralRole[]
}

export function caseStanding(principal: Principal, parties: CaseParties): CaseStanding {
  const rolesIn = (institutionId: string) =>
    principal.memberships.filter((m) => m.institutionId === institutionId).map((m) => m.role)
  return {
    personId: principal.personId,
    consumerRoles: rolesIn(parties.consumerId),
    providerRoles: rolesIn(parties.providerId),
    centralRoles: [...principal.centralRoles],
  }
}

/** A party to a case: a member of either institution, or central staff (DGD and auditors see every case). */
export function isCaseParty(principal: Principal, parties: CaseParties): boolean {
  return (
    principal.centralRoles.length > 0 ||
    principal.memberships.some((m) => m.institutionId === parties.consumerId || m.institutionId === parties.providerId)
  )
}

/** Whether the standing holds `permission` in the case: on `side` when given, else on either side or at the DGD. */
export function mayInCase(standing: CaseStanding, permission: CasePermission, side?: CaseSide): boolean {
  const grant = casePermissions[permission]
  const onSide = (s: CaseSide) => {
    const roles = s === 'CONSUMER' ? standing.consumerRoles : standing.providerRoles
    return roles.some((role) => grant[s]?.includes(role) ?? false)
  }
  if (side) return onSide(side)
  return (
    standing.centralRoles.some((role) => grant.central?.includes(role) ?? false) ||
    onSide('CONSUMER') ||
    onSide('PROVIDER')
  )
}

/** The roles that hold `permission` on `side` (or at the DGD, with `'central'`): who is asked to act. */
export function caseRolesWith(permission: CasePermission, side: CaseSide): readonly MembershipRole[]
export function caseRolesWith(permission: CasePermission, side: 'central'): readonly CentralRole[]
export function caseRolesWith(permission: CasePermission, side: CaseSide | 'central') {
  return casePermissions[permission][side] ?? []
}

/** "You are not a party to this case": neither institution's member nor central staff. */
export class NotAPartyError extends ForbiddenError {
  constructor() {
    super('connections.read')
    this.name = 'NotAPartyError'
  }
}

/** The principal's standing in the case; NotAPartyError when they are not a party to it. */
export function authorizeParty(principal: Principal, parties: CaseParties): CaseStanding {
  if (!isCaseParty(principal, parties)) throw new NotAPartyError()
  return caseStanding(principal, parties)
}

/** As authorizeParty, and ForbiddenError unless the principal holds `permission` in the case (on `side`). */
export function authorizeInCase(
  principal: Principal,
  parties: CaseParties,
  permission: CasePermission,
  side?: CaseSide,
): CaseStanding {
  const standing = authorizeParty(principal, parties)
  if (!mayInCase(standing, permission, side)) throw new ForbiddenError(permission)
  return standing
}
