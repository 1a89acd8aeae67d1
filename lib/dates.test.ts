import { describe, expect, it } from 'vitest'
import { formatDate, formatDateTime } from './dates'

describe('dates in America/Santiago', () => {
  it('shows UTC instants in Chilean time (summer, UTC-3)', () => {
    expect(formatDateTime(new Date('2026-11-22T08:45:00Z'))).toMatch(/22-11-2026,? 05:45/)
  })
  it('shows winter time (UTC-4)', () => {
    expect(formatDateTime(new Date('2026-07-01T12:00:00Z'))).toMatch(/01-07-2026,? 08:00/)
  })
  it('uses the Chilean date, not the UTC one, near midnight', () => {
    expect(formatDate(new Date('2026-11-22T02:00:00Z'))).toBe('21-11-2026')
  })
})

describe('parseChileDateTime', () => {
  it('reads a Chilean wall-clock time in summer and in winter', async () => {
    const { parseChileDateTime } = await import('./dates')
    expect(parseChileDateTime('2026-11-25T10:00')?.toISOString()).toBe('2026-11-25T13:00:00.000Z')
    expect(parseChileDateTime('2026-07-01T08:00')?.toISOString()).toBe('2026-07-01T12:00:00.000Z')
    expect(parseChileDateTime('not a date')).toBeNull()
  })
})

describe('times just after midnight', () => {
  it('read 00:02, not 24:02', () => {
    expect(formatDateTime(new Date('2026-11-22T03:02:00Z'))).toMatch(/22-11-2026,? 00:02/)
    expect(formatDateTime(new Date('2026-07-01T04:59:00Z'))).toMatch(/01-07-2026,? 00:59/)
  })
})

describe('parseIsoDate', () => {
  it('refuses days that do not exist instead of rolling them over', async () => {
    const { parseIsoDate } = await import('./dates')
    expect(parseIsoDate('2027-02-30')).toBeNull()
    expect(parseIsoDate('2026-13-01')).toBeNull()
    expect(parseIsoDate('2028-02-29')?.toISOString()).toBe('2028-02-29T00:00:00.000Z')
  })
})
