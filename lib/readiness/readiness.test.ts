import { describe, expect, it } from 'vitest'
import { readinessOf } from './readiness'

const now = new Date('2026-11-22T12:00:00Z')
const met = (facts: Parameters<typeof readinessOf>[0]) => Object.fromEntries(readinessOf(facts).map((r) => [r.item, r.met]))

describe('readinessOf', () => {
  it('is in force from the later decree, and ends with its termination', () => {
    const cooperation = { segpresDecreeDate: new Date('2023-04-17'), institutionDecreeDate: new Date('2023-06-15'), terminatesOn: null }
    expect(met({ now, cooperation, designatedRoles: [], trainingKindsAttended: [] }).cooperation).toBe(true)
    expect(met({ now: new Date('2023-05-01'), cooperation, designatedRoles: [], trainingKindsAttended: [] }).cooperation).toBe(false)
    expect(met({ now, cooperation: { ...cooperation, terminatesOn: new Date('2026-11-01') }, designatedRoles: [], trainingKindsAttended: [] }).cooperation).toBe(false)
    expect(met({ now, cooperation: null, designatedRoles: [], trainingKindsAttended: [] }).cooperation).toBe(false)
  })

  it('reads designations and trainings', () => {
    expect(met({ now, cooperation: null, designatedRoles: ['CTD', 'TECHNICAL_ADMIN'], trainingKindsAttended: ['PROVISION'] })).toEqual({
      cooperation: false,
      technicalAdmin: true,
      businessAdmin: false,
      consumptionTraining: false,
      provisionTraining: true,
    })
  })
})
