import { describe, expect, it } from 'vitest'
import { runField } from './run-field'

describe('the RUN form field', () => {
  it('normalizes a valid RUN however it was typed', () => {
    expect(runField.parse(' 12.345.678-5 ')).toBe('12345678-5')
    expect(runField.parse('123456785')).toBe('12345678-5')
  })

  it('tells an empty RUN from a wrong one', () => {
    expect(runField.safeParse('  ').error?.issues.map((i) => i.message)).toEqual(['runRequired'])
    expect(runField.safeParse('12.345.678-9').error?.issues.map((i) => i.message)).toEqual(['runInvalid'])
  })
})
