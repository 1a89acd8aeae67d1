import { describe, expect, it } from 'vitest'
import { cooperationInForceFrom, earliestTermination, evaluateChecklist, unmetItems, type ChecklistFacts } from './checklist'

const now = new Date('2026-11-22T12:00:00Z')
const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000)

const ready: ChecklistFacts = {
  now,
  requiresAgreement: true,
  agreement: { status: 'IN_FORCE', endsOn: null },
  lastPassingTestAt: daysAgo(3),
  designatedRoles: ['CTD', 'TECHNICAL_ADMIN', 'BUSINESS_ADMIN'],
  trainingKindsAttended: ['CONSUMPTION'],
  cooperation: { inForceFrom: daysAgo(100), terminatesOn: null },
}

describe('evaluateChecklist', () => {
  it('is met when every item holds', () => {
    expect(unmetItems(evaluateChecklist(ready))).toEqual([])
  })

  it('names each unmet item', () => {
    expect(unmetItems(evaluateChecklist({ ...ready, agreement: { status: 'APPROVED', endsOn: null } }))).toEqual(['agreementInForce'])
    expect(unmetItems(evaluateChecklist({ ...ready, agreement: { status: 'IN_FORCE', endsOn: daysAgo(1) } }))).toEqual(['agreementInForce'])
    expect(unmetItems(evaluateChecklist({ ...ready, lastPassingTestAt: daysAgo(31) }))).toEqual(['recentPassingTest'])
    expect(unmetItems(evaluateChecklist({ ...ready, lastPassingTestAt: null }))).toEqual(['recentPassingTest'])
    expect(unmetItems(evaluateChecklist({ ...ready, designatedRoles: ['CTD', 'TECHNICAL_ADMIN'] }))).toEqual(['administratorsDesignated'])
    expect(unmetItems(evaluateChecklist({ ...ready, trainingKindsAttended: ['PROVISION'] }))).toEqual(['trainingAttended'])
    expect(unmetItems(evaluateChecklist({ ...ready, cooperation: null }))).toEqual(['cooperationInForce'])
    expect(unmetItems(evaluateChecklist({ ...ready, cooperation: { inForceFrom: daysAgo(100), terminatesOn: daysAgo(1) } }))).toEqual([
      'cooperationInForce',
    ])
  })

  it('does not ask for an agreement the service does not require', () => {
    const result = evaluateChecklist({ ...ready, requiresAgreement: false, agreement: null })
    expect(result[0]).toEqual({ item: 'agreementInForce', met: true, notApplicable: true })
  })
})

describe('cooperation agreement dates', () => {
  it('is in force from the later approving decree', () => {
    const a = new Date('2024-03-01')
    const b = new Date('2024-04-15')
    expect(cooperationInForceFrom(a, b)).toEqual(b)
    expect(cooperationInForceFrom(b, a)).toEqual(b)
    expect(cooperationInForceFrom(a, null)).toBeNull()
  })

  it('ends no sooner than 30 days after notice', () => {
    expect(earliestTermination(new Date('2026-11-01T00:00:00Z'))).toEqual(new Date('2026-12-01T00:00:00Z'))
  })
})
