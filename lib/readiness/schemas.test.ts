import { describe, expect, it } from 'vitest'
import { cooperationSchema, documentFileName, terminationSchema } from './schemas'

const valid = {
  signedOn: '2023-03-17',
  segpresDecreeNumber: ' Decreto Exento N° 015 ',
  segpresDecreeDate: '2023-04-17',
  institutionDecreeNumber: 'Decreto Exento N° 02142',
  institutionDecreeDate: '2023-06-15',
}

const issues = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((result.error?.issues ?? []).map((i) => [String(i.path[0]), i.message]))

describe('cooperationSchema', () => {
  it('reads dates as calendar dates and trims decree numbers', () => {
    const parsed = cooperationSchema.parse(valid)
    expect(parsed.segpresDecreeNumber).toBe('Decreto Exento N° 015')
    expect(parsed.institutionDecreeDate).toEqual(new Date('2023-06-15T00:00:00Z'))
  })

  it('names each wrong field with a catalog key', () => {
    const result = cooperationSchema.safeParse({
      ...valid,
      signedOn: '2023-02-30',
      segpresDecreeNumber: '  ',
      institutionDecreeDate: '15/06/2023',
    })
    expect(issues(result)).toEqual({
      signedOn: 'dateInvalid',
      segpresDecreeNumber: 'textRequired',
      institutionDecreeDate: 'dateInvalid',
    })
  })
})

describe('terminationSchema', () => {
  it('knows the two parties only', () => {
    expect(
      terminationSchema.safeParse({ party: 'SEGPRES', noticeOn: '2026-11-22', terminatesOn: '2026-12-22' }).success,
    ).toBe(true)
    expect(
      issues(terminationSchema.safeParse({ party: 'DGD', noticeOn: '2026-11-22', terminatesOn: '2026-12-22' })),
    ).toEqual({ party: 'invalid' })
  })
})

describe('documentFileName', () => {
  it('keeps the name without folders or control characters', () => {
    expect(documentFileName('C:\\Users\\x\\Convenio Vallenar.pdf')).toBe('Convenio Vallenar.pdf')
    expect(documentFileName('../../etc/"pass\nwd".pdf')).toBe('passwd.pdf')
    expect(documentFileName('   ')).toBe('documento.pdf')
  })
})
