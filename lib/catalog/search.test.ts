import { describe, expect, it } from 'vitest'
import { serviceSearchText, tsQueryOf } from './search'

describe('catalog search text', () => {
  it('folds a search box into a prefix query of its words, dropping what is not a letter or digit', () => {
    expect(tsQueryOf('  Defunción  REGIS ')).toBe('defuncion:* & regis:*')
    expect(tsQueryOf("sii-rut & 'x' | !")).toBe('sii:* & rut:* & x:*')
    expect(tsQueryOf('Ñuñoa')).toBe('nunoa:*')
    expect(tsQueryOf(' -- ')).toBeNull()
  })

  it('folds what a service is found by', () => {
    expect(
      serviceSearchText({
        code: 'SRCEI-DEF',
        name: 'Certificado de Defunción',
        description: 'Emite el certificado',
        providerName: 'Servicio de Registro Civil e Identificación',
        providerShortName: 'SRCeI',
        procedures: ['CPAT-123'],
      }),
    ).toBe(
      'srcei-def certificado de defuncion emite el certificado srcei servicio de registro civil e identificacion cpat-123',
    )
  })
})
