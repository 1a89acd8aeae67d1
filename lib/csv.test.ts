import { describe, expect, it } from 'vitest'
import { toCsv } from './csv'

describe('toCsv', () => {
  it('quotes commas, quotes and newlines, and starts with a BOM', () => {
    const csv = toCsv(
      ['Nombre', 'Nota'],
      [
        ['Municipalidad de Ñuñoa', 'dice "hola", chao'],
        ['A\nB', null],
      ],
    )
    expect(csv).toBe('\uFEFFNombre,Nota\r\nMunicipalidad de Ñuñoa,"dice ""hola"", chao"\r\n"A\nB",\r\n')
  })

  it('neutralizes spreadsheet formulas', () => {
    expect(toCsv(['x'], [['=HYPERLINK("http://x")'], ['-2+3'], [-5]])).toBe(
      '\uFEFFx\r\n"\'=HYPERLINK(""http://x"")"\r\n\'-2+3\r\n-5\r\n',
    )
  })
})
