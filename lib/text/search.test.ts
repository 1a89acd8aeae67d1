import { describe, expect, it } from 'vitest'
import { foldForSearch, searchTextOf } from './search'

describe('foldForSearch', () => {
  it('drops accents, tildes and case', () => {
    expect(foldForSearch('Valparaíso')).toBe('valparaiso')
    expect(foldForSearch('ÑUÑOA')).toBe('nunoa')
    expect(foldForSearch('  Región   del Biobío ')).toBe('region del biobio')
  })
})

describe('searchTextOf', () => {
  it('joins the non-empty parts', () => {
    expect(searchTextOf('Municipalidad de Ñuñoa', null, 'Ñuñoa', undefined)).toBe('municipalidad de nunoa nunoa')
  })
})
