import { describe, expect, it } from 'vitest'
import { authorize, can, ForbiddenError, institutionsWhere, type Principal } from './roles'

const ctdOfA: Principal = { personId: 'p1', memberships: [{ institutionId: 'A', role: 'CTD' }], centralRoles: [] }
const techOfB: Principal = { personId: 'p2', memberships: [{ institutionId: 'B', role: 'TECHNICAL_ADMIN' }], centralRoles: [] }
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
