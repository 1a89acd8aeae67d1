import { describe, expect, it } from 'vitest'
import { MAX_FILE_NAME_LENGTH, cleanFileName } from './file-name'

describe('cleanFileName', () => {
  it('keeps the last path segment, without control characters, NUL, quotes or bidi overrides', () => {
    expect(cleanFileName('C:\\Users\\x\\Acuerdo firmado.pdf', 'a.pdf')).toBe('Acuerdo firmado.pdf')
    expect(cleanFileName('../../etc/"pass\u0000\nwd".pdf', 'a.pdf')).toBe('passwd.pdf')
    expect(cleanFileName('factura\u202Efdp.exe', 'a.pdf')).toBe('facturafdp.exe')
    expect(cleanFileName('acuerdo\u2028final\u200B.pdf', 'a.pdf')).toBe('acuerdofinal.pdf')
  })

  it('falls back when nothing is left', () => {
    expect(cleanFileName('   ', 'acuerdo.pdf')).toBe('acuerdo.pdf')
    expect(cleanFileName('../..', 'acuerdo.pdf')).toBe('acuerdo.pdf')
    expect(cleanFileName('\u0000\u0001', 'acuerdo.pdf')).toBe('acuerdo.pdf')
  })

  it('caps the length, keeping the extension and whole characters', () => {
    const long = `${'ñ'.repeat(20_000)}.pdf`
    const clean = cleanFileName(long, 'a.pdf')
    expect([...clean]).toHaveLength(MAX_FILE_NAME_LENGTH)
    expect(clean.endsWith('ñ.pdf')).toBe(true)
    const emoji = cleanFileName('😀'.repeat(300), 'a.pdf')
    expect([...emoji]).toHaveLength(MAX_FILE_NAME_LENGTH)
    expect(emoji).toBe('😀'.repeat(MAX_FILE_NAME_LENGTH))
  })
})
