import { describe, expect, it } from 'vitest'
import { parseEnv } from '@/lib/env'
import { claveUnicaProvider, nameFromClaims, runFromClaims } from './claveunica'

const DATABASE_URL = 'postgresql://postgres@127.0.0.1:5432/x'

describe('runFromClaims', () => {
  it('reads ClaveÚnica RolUnico', () => {
    expect(runFromClaims({ sub: 's', RolUnico: { numero: 12345678, DV: '5', tipo: 'RUN' } })).toBe('12345678-5')
    expect(runFromClaims({ sub: 's', RolUnico: { numero: '60803000', DV: 'k' } })).toBe('60803000-K')
  })
  it('reads a flat run claim', () => {
    expect(runFromClaims({ sub: 's', run: '12.345.678-5' })).toBe('12345678-5')
  })
  it('refuses an invalid or missing RUN', () => {
    expect(runFromClaims({ sub: 's', RolUnico: { numero: 12345678, DV: '4' } })).toBeNull()
    expect(runFromClaims({ sub: 's' })).toBeNull()
  })
})

describe('nameFromClaims', () => {
  it('joins nombres and apellidos', () => {
    expect(nameFromClaims({ sub: 's', name: { nombres: ['María', 'José'], apellidos: ['Pérez', 'Soto'] } })).toBe(
      'María José Pérez Soto',
    )
    expect(nameFromClaims({ sub: 's', name: 'Ana Díaz' })).toBe('Ana Díaz')
  })
})

describe('claveUnicaProvider', () => {
  it('is off until a client id and secret are set', () => {
    expect(claveUnicaProvider(parseEnv({ DATABASE_URL, CLAVEUNICA_ISSUER: 'https://x' }))).toBeNull()
  })
  it('uses PKCE, state and nonce', () => {
    const provider = claveUnicaProvider(parseEnv({ DATABASE_URL, CLAVEUNICA_CLIENT_ID: 'id', CLAVEUNICA_CLIENT_SECRET: 'secret' }))
    expect(provider?.checks).toEqual(['pkce', 'state', 'nonce'])
    expect(provider?.issuer).toBe('https://accounts.claveunica.gob.cl/openid')
  })
})
