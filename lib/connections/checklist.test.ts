import { describe, expect, it } from 'vitest'
import { earliestTerminationDate as earliestTermination, effectiveAgreementStatus } from '@/lib/agreements/status'
import { todayInChile } from '@/lib/dates'
import { cooperationInForceFrom, readinessOf } from '@/lib/readiness/readiness'
import { evaluateChecklist, unmetItems, type ChecklistFacts } from './checklist'

const now = new Date('2026-11-22T12:00:00Z')
const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000)

const ready: ChecklistFacts = {
  now,
  requiresAgreement: true,
  agreement: { status: 'IN_FORCE', endsOn: null, terminatesOn: null },
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
    expect(
      unmetItems(evaluateChecklist({ ...ready, agreement: { status: 'APPROVED', endsOn: null, terminatesOn: null } })),
    ).toEqual(['agreementInForce'])
    expect(
      unmetItems(
        evaluateChecklist({ ...ready, agreement: { status: 'IN_FORCE', endsOn: daysAgo(1), terminatesOn: null } }),
      ),
    ).toEqual(['agreementInForce'])
    expect(unmetItems(evaluateChecklist({ ...ready, lastPassingTestAt: daysAgo(31) }))).toEqual(['recentPassingTest'])
    expect(unmetItems(evaluateChecklist({ ...ready, lastPassingTestAt: null }))).toEqual(['recentPassingTest'])
    expect(unmetItems(evaluateChecklist({ ...ready, designatedRoles: ['CTD', 'TECHNICAL_ADMIN'] }))).toEqual([
      'administratorsDesignated',
    ])
    expect(unmetItems(evaluateChecklist({ ...ready, trainingKindsAttended: ['PROVISION'] }))).toEqual([
      'trainingAttended',
    ])
    expect(unmetItems(evaluateChecklist({ ...ready, cooperation: null }))).toEqual(['cooperationInForce'])
    expect(
      unmetItems(evaluateChecklist({ ...ready, cooperation: { inForceFrom: daysAgo(100), terminatesOn: daysAgo(1) } })),
    ).toEqual(['cooperationInForce'])
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

describe('the checklist and the readiness panel judge dates alike, on the Chilean calendar', () => {
  const at = (iso: string) => new Date(iso)
  const date = (iso: string) => new Date(`${iso}T00:00:00Z`)
  const checklistMet = (facts: Partial<ChecklistFacts>, now: Date) =>
    !unmetItems(evaluateChecklist({ ...ready, ...facts, now })).includes(
      facts.agreement ? 'agreementInForce' : 'cooperationInForce',
    )
  const panelMet = (cooperation: ChecklistFacts['cooperation'], now: Date) =>
    readinessOf({ ...ready, cooperation }, todayInChile(now)).find((r) => r.item === 'cooperation')!.met

  it.each([
    // Summer time (UTC-3): 23:30 on the 10th in Chile is already the 11th in UTC.
    { case: 'summer, the evening before', now: '2026-03-11T02:30:00Z', decree: '2026-03-11', met: false },
    { case: 'summer, just after midnight', now: '2026-03-11T03:30:00Z', decree: '2026-03-11', met: true },
    // Winter time (UTC-4).
    { case: 'winter, the evening before', now: '2026-07-11T03:30:00Z', decree: '2026-07-11', met: false },
    { case: 'winter, just after midnight', now: '2026-07-11T04:30:00Z', decree: '2026-07-11', met: true },
  ])('a convenio in force from its later decree: $case → $met', ({ now, decree, met }) => {
    const cooperation = { inForceFrom: date(decree), terminatesOn: null }
    expect(checklistMet({ cooperation }, at(now))).toBe(met)
    expect(panelMet(cooperation, at(now))).toBe(met)
  })

  it('a convenio terminating on a date is in force until the evening before it, in Chile', () => {
    const cooperation = { inForceFrom: date('2024-01-01'), terminatesOn: date('2026-12-01') }
    for (const [now, met] of [
      ['2026-12-01T02:00:00Z', true], // 23:00 on 30 November in Chile
      ['2026-12-01T03:30:00Z', false], // 00:30 on 1 December
    ] as const) {
      expect(checklistMet({ cooperation }, at(now))).toBe(met)
      expect(panelMet(cooperation, at(now))).toBe(met)
    }
  })

  it('an agreement "until 31 December" is in force all that Chilean day, for the checklist and the agreement manager', () => {
    const agreement = { status: 'IN_FORCE' as const, endsOn: date('2026-12-31'), terminatesOn: null }
    expect(checklistMet({ agreement }, at('2026-12-31T20:00:00Z'))).toBe(true)
    expect(checklistMet({ agreement }, at('2027-01-01T02:00:00Z'))).toBe(true) // 23:00 on the 31st in Chile
    expect(effectiveAgreementStatus(agreement, at('2027-01-01T02:00:00Z'))).toBe('IN_FORCE')
    expect(checklistMet({ agreement }, at('2027-01-01T03:30:00Z'))).toBe(false)
    expect(effectiveAgreementStatus(agreement, at('2027-01-01T03:30:00Z'))).toBe('EXPIRED')
  })
})
