import { describe, expect, it } from 'vitest'
import {
  authorize,
  authorizeInCase,
  authorizeParty,
  can,
  caseStanding,
  centralRoles,
  ForbiddenError,
  institutionsWhere,
  mayInCase,
  membershipRoles,
  NotAPartyError,
  type CasePermission,
  type CentralRole,
  type MembershipRole,
  type Permission,
  type Principal,
  type Role,
} from './roles'

const ctdOfA: Principal = { personId: 'p1', memberships: [{ institutionId: 'A', role: 'CTD' }], centralRoles: [] }
const techOfB: Principal = {
  personId: 'p2',
  memberships: [{ institutionId: 'B', role: 'TECHNICAL_ADMIN' }],
  centralRoles: [],
}
const reviewer: Principal = { personId: 'p3', memberships: [], centralRoles: ['DGD_REVIEWER'] }
const auditor: Principal = { personId: 'p4', memberships: [], centralRoles: ['AUDITOR'] }
const citizen: Principal = { personId: 'p5', memberships: [], centralRoles: [] }

describe('can', () => {
  it('lets a CTD manage the members of their own institution only', () => {
    expect(can(ctdOfA, 'members.manage', 'A')).toBe(true)
    expect(can(ctdOfA, 'members.manage', 'B')).toBe(false)
  })

  it('does not let a technical administrator manage members', () => {
    expect(can(techOfB, 'members.manage', 'B')).toBe(false)
    expect(can(techOfB, 'members.read', 'B')).toBe(true)
  })

  it('gives DGD staff network-wide management and auditors read-only access', () => {
    expect(can(reviewer, 'members.manage', 'A')).toBe(true)
    expect(can(reviewer, 'audit.read')).toBe(true)
    expect(can(auditor, 'audit.read')).toBe(true)
    expect(can(auditor, 'members.manage', 'A')).toBe(false)
    expect(can(auditor, 'people.disable')).toBe(false)
  })

  it('gives a citizen with no roles nothing', () => {
    expect(can(citizen, 'institutions.browse')).toBe(false)
    expect(can(citizen, 'audit.read')).toBe(false)
  })

  it('lets only DGD staff record readiness (convenios, trainings); members and auditors read it', () => {
    expect(can(reviewer, 'readiness.manage')).toBe(true)
    expect(can({ ...reviewer, centralRoles: ['DGD_HEAD'] }, 'readiness.manage')).toBe(true)
    expect(can(auditor, 'readiness.manage')).toBe(false)
    expect(can(ctdOfA, 'readiness.manage', 'A')).toBe(false)
    expect(can(auditor, 'members.read', 'A')).toBe(true)
    expect(can(ctdOfA, 'members.read', 'A')).toBe(true)
    expect(can(ctdOfA, 'members.read', 'B')).toBe(false)
  })

  it("lets only DGD staff end an institution's last CTD or give a person an e-mail", () => {
    for (const permission of ['members.endLastCtd', 'people.setEmail'] as const) {
      expect(can(reviewer, permission, 'A')).toBe(true)
      expect(can({ ...reviewer, centralRoles: ['DGD_HEAD'] }, permission, 'A')).toBe(true)
      expect(can(ctdOfA, permission, 'A')).toBe(false)
      expect(can(auditor, permission, 'A')).toBe(false)
    }
  })

  it('keeps the audit log from institution roles', () => {
    expect(can(ctdOfA, 'audit.read')).toBe(false)
  })
})

describe('institutionsWhere', () => {
  it('scopes memberships to their institutions and central roles to all', () => {
    expect(institutionsWhere(ctdOfA, 'members.manage')).toEqual(['A'])
    expect(institutionsWhere(techOfB, 'members.manage')).toEqual([])
    expect(institutionsWhere(reviewer, 'members.read')).toBe('all')
  })
})

describe('authorize', () => {
  it('throws ForbiddenError when the permission is missing', () => {
    expect(() => authorize(ctdOfA, 'members.manage', 'B')).toThrow(ForbiddenError)
    expect(() => authorize(ctdOfA, 'members.manage', 'A')).not.toThrow()
  })
})

describe('the permission matrix', () => {
  const institutionPermissions = {
    'institutions.browse': ['CTD', 'TECHNICAL_ADMIN', 'BUSINESS_ADMIN', 'DGD_REVIEWER', 'DGD_HEAD', 'AUDITOR'],
    'members.read': ['CTD', 'TECHNICAL_ADMIN', 'BUSINESS_ADMIN', 'DGD_REVIEWER', 'DGD_HEAD', 'AUDITOR'],
    'members.manage': ['CTD', 'DGD_REVIEWER', 'DGD_HEAD'],
    'members.endLastCtd': ['DGD_REVIEWER', 'DGD_HEAD'],
    'people.disable': ['DGD_REVIEWER', 'DGD_HEAD'],
    'people.setEmail': ['DGD_REVIEWER', 'DGD_HEAD'],
    'audit.read': ['DGD_REVIEWER', 'DGD_HEAD', 'AUDITOR'],
    'connections.read': ['CTD', 'TECHNICAL_ADMIN', 'BUSINESS_ADMIN', 'DGD_REVIEWER', 'DGD_HEAD', 'AUDITOR'],
    'connections.request': ['CTD'],
    'readiness.manage': ['DGD_REVIEWER', 'DGD_HEAD'],
    'readiness.read': ['CTD', 'TECHNICAL_ADMIN', 'BUSINESS_ADMIN', 'DGD_REVIEWER', 'DGD_HEAD', 'AUDITOR'],
    'nodes.read': ['CTD', 'TECHNICAL_ADMIN', 'BUSINESS_ADMIN', 'DGD_REVIEWER', 'DGD_HEAD', 'AUDITOR'],
    // The token is the consumer's alone: only its technical administrators issue it, never the DGD.
    'nodes.issueCredential': ['TECHNICAL_ADMIN'],
    'nodes.revoke': ['DGD_REVIEWER', 'DGD_HEAD'],
    'nodes.monitor': ['DGD_REVIEWER', 'DGD_HEAD', 'AUDITOR'],
    'traces.read': ['CTD', 'TECHNICAL_ADMIN', 'BUSINESS_ADMIN', 'DGD_REVIEWER', 'DGD_HEAD', 'AUDITOR'],
    'publications.request': ['TECHNICAL_ADMIN'],
    'publications.read': ['CTD', 'TECHNICAL_ADMIN', 'DGD_REVIEWER', 'DGD_HEAD', 'AUDITOR'],
    'publications.deprecate': ['TECHNICAL_ADMIN', 'DGD_REVIEWER', 'DGD_HEAD'],
    'catalog.readInternal': ['CTD', 'TECHNICAL_ADMIN', 'BUSINESS_ADMIN', 'DGD_REVIEWER', 'DGD_HEAD', 'AUDITOR'],
  } satisfies Record<Permission, Role[]>

  const principalWith = (role: Role, institutionId = 'A'): Principal =>
    (membershipRoles as readonly string[]).includes(role)
      ? { personId: 'p', memberships: [{ institutionId, role: role as MembershipRole }], centralRoles: [] }
      : { personId: 'p', memberships: [], centralRoles: [role as CentralRole] }

  it.each(Object.entries(institutionPermissions))(
    '%s is held by exactly %j, members only for their own institution',
    (permission, holders) => {
      for (const role of [...membershipRoles, ...centralRoles]) {
        const principal = principalWith(role)
        expect(can(principal, permission as Permission, 'A'), `${role} in A`).toBe((holders as Role[]).includes(role))
        const isMember = (membershipRoles as readonly string[]).includes(role)
        expect(can(principal, permission as Permission, 'B'), `${role} in B`).toBe(
          !isMember && (holders as Role[]).includes(role),
        )
      }
    },
  )

  /** Who holds each case permission: a role on the consumer's side (C:), on the provider's (P:), or at the DGD. */
  const casePermissionHolders = {
    'meetings.schedule': ['DGD_REVIEWER', 'DGD_HEAD'],
    'meetings.record': ['DGD_REVIEWER', 'DGD_HEAD'],
    'agreements.request': ['C:BUSINESS_ADMIN'],
    'agreements.approve': ['P:BUSINESS_ADMIN'],
    'agreements.sign': ['C:BUSINESS_ADMIN', 'P:BUSINESS_ADMIN'],
    'agreements.terminate': ['C:BUSINESS_ADMIN', 'P:BUSINESS_ADMIN'],
    'nodes.provision': ['DGD_REVIEWER', 'DGD_HEAD'],
    'grants.revoke': ['DGD_REVIEWER', 'DGD_HEAD'],
    'connectivity.record': ['C:TECHNICAL_ADMIN'],
    'promotions.request': ['C:CTD'],
    'promotions.review': ['DGD_REVIEWER'],
    'promotions.approve': ['DGD_HEAD'],
    'cases.assignReviewer': ['DGD_HEAD'],
  } satisfies Record<CasePermission, string[]>

  const parties = { consumerId: 'C', providerId: 'P' }
  const standings: [string, Principal][] = [
    ...membershipRoles.flatMap((role): [string, Principal][] => [
      [`C:${role}`, principalWith(role, 'C')],
      [`P:${role}`, principalWith(role, 'P')],
      [`X:${role}`, principalWith(role, 'X')],
    ]),
    ...centralRoles.map((role): [string, Principal] => [role, principalWith(role)]),
  ]

  it.each(Object.entries(casePermissionHolders))('%s is held in a case by exactly %j', (permission, holders) => {
    for (const [who, principal] of standings) {
      const standing = caseStanding(principal, parties)
      expect(mayInCase(standing, permission as CasePermission), who).toBe((holders as string[]).includes(who))
    }
  })

  it('narrows a permission to one side when asked: a provider administrator signs for the provider only', () => {
    const providerBusiness = caseStanding(principalWith('BUSINESS_ADMIN', 'P'), parties)
    expect(mayInCase(providerBusiness, 'agreements.sign', 'PROVIDER')).toBe(true)
    expect(mayInCase(providerBusiness, 'agreements.sign', 'CONSUMER')).toBe(false)
  })

  it('refuses whoever is not a party with NotAPartyError, a party without the permission with ForbiddenError', () => {
    expect(() => authorizeParty(principalWith('CTD', 'X'), parties)).toThrow(NotAPartyError)
    expect(() => authorizeInCase(principalWith('BUSINESS_ADMIN', 'X'), parties, 'agreements.terminate')).toThrow(
      NotAPartyError,
    )
    const refused = (() => {
      try {
        authorizeInCase(principalWith('TECHNICAL_ADMIN', 'C'), parties, 'agreements.terminate')
      } catch (error) {
        return error
      }
    })()
    expect(refused).toBeInstanceOf(ForbiddenError)
    expect(refused).not.toBeInstanceOf(NotAPartyError)
    expect((refused as ForbiddenError).permission).toBe('agreements.terminate')
    // Auditors see every case: they are parties, who may do nothing in it.
    expect(() => authorizeParty(principalWith('AUDITOR'), parties)).not.toThrow()
    expect(() => authorizeInCase(principalWith('AUDITOR'), parties, 'grants.revoke')).toThrow(ForbiddenError)
    expect(authorizeInCase(principalWith('CTD', 'C'), parties, 'promotions.request').consumerRoles).toEqual(['CTD'])
  })
})
