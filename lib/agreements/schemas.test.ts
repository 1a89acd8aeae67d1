import { describe, expect, it } from 'vitest'
import { agreementApprovalSchema } from './schemas'

const approval = { availability: '99,5%', responseTime: '2 s', supportHours: '9-18', endsOn: '' }
const issue = (values: Record<string, string>, field: string) =>
  agreementApprovalSchema.safeParse({ ...approval, ...values }).error?.issues.find((i) => i.path[0] === field)?.message

describe('the measured service levels on approval', () => {
  it('reads a percentage and whole milliseconds, a decimal comma too; empty keeps the published ones', () => {
    expect(agreementApprovalSchema.parse({ ...approval, slaAvailabilityPct: '99,9', slaP95Ms: '300' })).toMatchObject({
      slaAvailabilityPct: 99.9,
      slaP95Ms: 300,
    })
    expect(agreementApprovalSchema.parse({ ...approval, slaAvailabilityPct: '', slaP95Ms: ' ' })).toMatchObject({
      slaAvailabilityPct: null,
      slaP95Ms: null,
    })
    expect(agreementApprovalSchema.parse(approval)).toMatchObject({ slaAvailabilityPct: null, slaP95Ms: null })
  })

  it('refuses what is not a level, with a field error', () => {
    for (const bad of ['101', '-1', 'alta', 'NaN', 'Infinity']) {
      expect(issue({ slaAvailabilityPct: bad }, 'slaAvailabilityPct')).toBe('percentInvalid')
    }
    for (const bad of ['0', '2.5', '1e9', 'rápido']) {
      expect(issue({ slaP95Ms: bad }, 'slaP95Ms')).toBe('millisecondsInvalid')
    }
  })
})
