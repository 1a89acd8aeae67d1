import { describe, expect, it } from 'vitest'
import { navigationFor } from './navigation'

describe('navigationFor', () => {
  it('gives a CTD their institution and its member management', () => {
    const nav = navigationFor({ personId: 'p', memberships: [{ institutionId: 'i1', role: 'CTD' }], centralRoles: [] })
    expect(nav.map((i) => i.href)).toEqual([
      '/',
      '/connections',
      '/agreements',
      '/catalog',
      '/institutions',
      '/institutions/i1',
      '/institutions/i1/members',
      '/traces',
    ])
  })

  it('gives a technical administrator their institution but no member management', () => {
    const nav = navigationFor({
      personId: 'p',
      memberships: [{ institutionId: 'i1', role: 'TECHNICAL_ADMIN' }],
      centralRoles: [],
    })
    expect(nav.map((i) => i.label)).toEqual([
      'home',
      'connections',
      'agreements',
      'catalog',
      'institutions',
      'myInstitution',
      'traces',
    ])
  })

  it('gives DGD staff the trainings and the audit log, and auditors the audit log only', () => {
    expect(
      navigationFor({ personId: 'p', memberships: [], centralRoles: ['DGD_REVIEWER'] }).map((i) => i.label),
    ).toEqual(['home', 'connections', 'agreements', 'catalog', 'institutions', 'trainings', 'nodes', 'audit', 'traces'])
    const auditor = navigationFor({ personId: 'p', memberships: [], centralRoles: ['AUDITOR'] }).map((i) => i.label)
    expect(auditor).toContain('audit')
    expect(auditor).not.toContain('trainings')
    expect(auditor).toContain('nodes')
  })

  it('gives a citizen the home page and the catalog', () => {
    expect(navigationFor({ personId: 'p', memberships: [], centralRoles: [] }).map((i) => i.label)).toEqual([
      'home',
      'catalog',
    ])
  })
})
