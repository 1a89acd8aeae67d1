import { describe, expect, it } from 'vitest'
import { earliestTerminationDate, effectiveAgreementStatus } from './status'

const now = new Date('2026-11-22T12:00:00Z')

describe('effectiveAgreementStatus', () => {
  it('keeps decisions as stored', () => {
    expect(effectiveAgreementStatus({ status: 'REQUESTED', endsOn: null, terminatesOn: null }, now)).toBe('REQUESTED')
    expect(effectiveAgreementStatus({ status: 'REJECTED', endsOn: null, terminatesOn: null }, now)).toBe('REJECTED')
  })
  it('lets dates end an agreement in force', () => {
    expect(effectiveAgreementStatus({ status: 'IN_FORCE', endsOn: null, terminatesOn: null }, now)).toBe('IN_FORCE')
    expect(effectiveAgreementStatus({ status: 'IN_FORCE', endsOn: new Date('2026-11-01'), terminatesOn: null }, now)).toBe('EXPIRED')
    expect(effectiveAgreementStatus({ status: 'IN_FORCE', endsOn: null, terminatesOn: new Date('2026-11-22') }, now)).toBe('TERMINATED')
    expect(effectiveAgreementStatus({ status: 'IN_FORCE', endsOn: null, terminatesOn: new Date('2026-12-30') }, now)).toBe('IN_FORCE')
  })
})

describe('earliestTerminationDate', () => {
  it('is 30 calendar days after the notice', () => {
    expect(earliestTerminationDate(new Date('2026-11-22T20:00:00Z')).toISOString().slice(0, 10)).toBe('2026-12-22')
  })
})
