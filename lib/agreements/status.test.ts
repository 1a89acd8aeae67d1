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
    expect(
      effectiveAgreementStatus({ status: 'IN_FORCE', endsOn: new Date('2026-11-01'), terminatesOn: null }, now),
    ).toBe('EXPIRED')
    expect(
      effectiveAgreementStatus({ status: 'IN_FORCE', endsOn: null, terminatesOn: new Date('2026-11-22') }, now),
    ).toBe('TERMINATED')
    expect(
      effectiveAgreementStatus({ status: 'IN_FORCE', endsOn: null, terminatesOn: new Date('2026-12-30') }, now),
    ).toBe('IN_FORCE')
  })
})

describe('earliestTerminationDate', () => {
  it('is 30 calendar days after the notice', () => {
    expect(earliestTerminationDate(new Date('2026-11-22T20:00:00Z')).toISOString().slice(0, 10)).toBe('2026-12-22')
  })
})

describe('effectiveAgreementStatus on the Chilean calendar', () => {
  const date = (iso: string) => new Date(`${iso}T00:00:00Z`)
  const until = (endsOn: string) => ({ status: 'IN_FORCE' as const, endsOn: date(endsOn), terminatesOn: null })
  const terminating = (terminatesOn: string) => ({
    status: 'IN_FORCE' as const,
    endsOn: null,
    terminatesOn: date(terminatesOn),
  })

  it.each([
    // Summer time (UTC−3): 23:30 on 31 December in Chile is 02:30 on 1 January in UTC.
    { at: '2026-12-31T12:00:00Z', status: 'IN_FORCE', when: 'midday on its last day' },
    {
      at: '2027-01-01T02:30:00Z',
      status: 'IN_FORCE',
      when: '23:30 on its last day in Chile, already the next day in UTC',
    },
    { at: '2027-01-01T03:30:00Z', status: 'EXPIRED', when: '00:30 the day after, in Chile' },
  ])('an agreement "until 31-12-2026" at $when is $status', ({ at, status }) => {
    expect(effectiveAgreementStatus(until('2026-12-31'), new Date(at))).toBe(status)
  })

  it('an agreement "until 30-06-2026" is in force until midnight in Chile in winter time (UTC−4) too', () => {
    expect(effectiveAgreementStatus(until('2026-06-30'), new Date('2026-07-01T03:30:00Z'))).toBe('IN_FORCE') // 23:30 on the 30th
    expect(effectiveAgreementStatus(until('2026-06-30'), new Date('2026-07-01T04:30:00Z'))).toBe('EXPIRED') // 00:30 on 1 July
  })

  it('an agreement terminating on a date is in force the whole evening before it, in Chile', () => {
    expect(effectiveAgreementStatus(terminating('2026-03-11'), new Date('2026-03-11T02:30:00Z'))).toBe('IN_FORCE') // 23:30 on the 10th
    expect(effectiveAgreementStatus(terminating('2026-03-11'), new Date('2026-03-11T03:30:00Z'))).toBe('TERMINATED') // 00:30 on the 11th
    expect(effectiveAgreementStatus(terminating('2026-07-11'), new Date('2026-07-11T03:30:00Z'))).toBe('IN_FORCE') // 23:30 on the 10th
    expect(effectiveAgreementStatus(terminating('2026-07-11'), new Date('2026-07-11T04:30:00Z'))).toBe('TERMINATED')
  })
})
