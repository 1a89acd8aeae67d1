import { describe, expect, it } from 'vitest'
import { parseEnv } from '@/lib/env'
import { claveUnicaLogoutUrl, claveUnicaProvider, nameFromClaims, runFromClaims } from './claveunica'

const DATABASE_URL = 'postgresql://postgres@127.0.0.1:5432/x'
const configured = parseEnv({
  DATABASE_URL,
  CLAVEUNICA_CLIENT_ID: 'id',
  CLAVEUNICA_CLIENT_SECRET: 'secret',
  AUTH_URL: 'https://pisee.example.gob.cl',
})

describe('runFromClaims', () => {
  it('reads ClaveÚnica RolUnico', () => {
    expect(runFromClaims({ sub: 's', RolUnico: { numero: 12345678, DV: '5', tipo: 'RUN' } })).toBe('12345678-5')
    expect(runFromClaims({ sub: 's', RolUnico: { numero: '60803000', DV: 'k' } })).toBe('60803000-K')
  })
  it('refuses a RUN failing módulo 11, and a missing one', () => {
    expect(runFromClaims({ sub: 's', RolUnico: { numero: 12345678, DV: '4' } })).toBeNull()
    expect(runFromClaims({ sub: 's' })).toBeNull()
  })
})

describe('nameFromClaims', () => {
  it('joins nombres and apellidos', () => {
    expect(nameFromClaims({ sub: 's', name: { nombres: ['María', 'José'], apellidos: ['Pérez', 'Soto'] } })).toBe(
      'María José Pérez Soto',
    )
  })
})

describe('claveUnicaProvider', () => {
  it('is off until a client id and secret are set', () => {
    expect(claveUnicaProvider(parseEnv({ DATABASE_URL, CLAVEUNICA_ISSUER: 'https://x' }))).toBeNull()
  })

  it("follows ClaveÚnica's guide: scope openid run name, client_secret_post, claims from userinfo, production endpoints", () => {
    const provider = claveUnicaProvider(configured)!
    expect(provider.authorization).toEqual({
      url: 'https://accounts.claveunica.gob.cl/openid/authorize/',
      params: { scope: 'openid run name' },
    })
    expect(provider.token).toBe('https://accounts.claveunica.gob.cl/openid/token/')
    expect(provider.userinfo).toBe('https://accounts.claveunica.gob.cl/openid/userinfo/')
    expect(provider.client).toEqual({ token_endpoint_auth_method: 'client_secret_post' })
    expect(provider.idToken).toBe(false)
    expect(provider.checks).toEqual(['pkce', 'state', 'nonce'])
  })

  it('never takes an e-mail from ClaveÚnica', async () => {
    const provider = claveUnicaProvider(configured)!
    const claims = {
      sub: '2594',
      RolUnico: { numero: 12345678, DV: '5', tipo: 'RUN' },
      name: { nombres: ['Ana'], apellidos: ['Díaz'] },
      email: 'a@b.cl',
    }
    expect(await provider.profile!(claims, {})).toEqual({
      id: '2594',
      name: 'Ana Díaz',
      email: null,
      run: '12345678-5',
    })
  })
})

describe('claveUnicaLogoutUrl', () => {
  it("goes through ClaveÚnica's logout and back to the configured logout URI", () => {
    expect(claveUnicaLogoutUrl(configured)).toBe(
      'https://accounts.claveunica.gob.cl/api/v1/accounts/app/logout?redirect=https%3A%2F%2Fpisee.example.gob.cl%2Flogin',
    )
    const custom = parseEnv({
      DATABASE_URL,
      CLAVEUNICA_LOGOUT_URL: 'https://qa.example/logout',
      CLAVEUNICA_LOGOUT_REDIRECT_URI: 'https://pisee.example.gob.cl/salir',
    })
    expect(claveUnicaLogoutUrl(custom)).toBe(
      'https://qa.example/logout?redirect=https%3A%2F%2Fpisee.example.gob.cl%2Fsalir',
    )
  })
})
