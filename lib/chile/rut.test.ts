import { describe, expect, it } from 'vitest'
import { checkDigit, formatRut, isValidRut, normalizeRut } from './rut'

describe('checkDigit', () => {
  it.each([
    ['61002000', '3'], // Servicio de Registro Civil e Identificación
    ['60803000', 'K'], // Servicio de Impuestos Internos
    ['12345678', '5'],
    ['11111111', '1'],
    ['6', 'K'],
    ['1', '9'],
    ['24965885', '5'],
  ])('%s → %s', (body, dv) => {
    expect(checkDigit(body)).toBe(dv)
  })
})

describe('normalizeRut', () => {
  it('accepts the usual ways of writing a RUT', () => {
    expect(normalizeRut('12.345.678-5')).toBe('12345678-5')
    expect(normalizeRut('12345678-5')).toBe('12345678-5')
    expect(normalizeRut('123456785')).toBe('12345678-5')
    expect(normalizeRut(' 60.803.000-k ')).toBe('60803000-K')
    expect(normalizeRut('06.000.000-K')).toBe('6000000-K')
    expect(normalizeRut('6-K')).toBe('6-K')
  })

  it('refuses a wrong check digit, garbage and empty input', () => {
    expect(normalizeRut('12.345.678-9')).toBeNull()
    expect(normalizeRut('60.803.000-1')).toBeNull()
    expect(normalizeRut('abc')).toBeNull()
    expect(normalizeRut('')).toBeNull()
    expect(normalizeRut('0-0')).toBeNull()
    expect(normalizeRut('123456789-0')).toBeNull()
    expect(isValidRut('12.345.678-5')).toBe(true)
    expect(isValidRut('12.345.678-4')).toBe(false)
  })
})

describe('formatRut', () => {
  it('adds thousands dots', () => {
    expect(formatRut('12345678-5')).toBe('12.345.678-5')
    expect(formatRut('60803000-K')).toBe('60.803.000-K')
    expect(formatRut('6-K')).toBe('6-K')
    expect(formatRut('not a rut')).toBe('not a rut')
  })
})
