import { describe, expect, it } from 'vitest'
import { parseEnv } from './env'

const DATABASE_URL = 'postgresql://postgres@127.0.0.1:5432/pisee'
const production = { NODE_ENV: 'production', DATABASE_URL, AUTH_SECRET: 'x'.repeat(32) }

describe('parseEnv', () => {
  it('applies the documented defaults', () => {
    const env = parseEnv({ DATABASE_URL, DATABASE_POOL_MAX: '' })
    expect(env).toMatchObject({ PORT: 3000, DEMO_MODE: false, CLAVEUNICA_ENVIRONMENT: 'production' })
    expect(env.DATABASE_POOL_MAX).toBeUndefined()
    expect(env.CLAVEUNICA_ISSUER).toBe('https://accounts.claveunica.gob.cl/openid')
    expect(env.CLAVEUNICA_LOGOUT_URL).toBe('https://accounts.claveunica.gob.cl/api/v1/accounts/app/logout')
  })

  it('refuses a wrong value and names every wrong variable', () => {
    const message = (() => {
      try {
        parseEnv({ DATABASE_URL: 'mysql://x', DEMO_MODE: 'yes', PORT: 'eighty' })
      } catch (error) {
        return (error as Error).message
      }
    })()
    expect(message).toMatch(/^Invalid environment variables/)
    for (const name of ['DATABASE_URL', 'DEMO_MODE', 'PORT']) expect(message).toContain(`  ${name}: `)
  })

  it('needs the database URL at run time, not while building', () => {
    expect(() => parseEnv({})).toThrow(/DATABASE_URL/)
    expect(parseEnv({ NEXT_PHASE: 'phase-production-build' }).DATABASE_URL).toBeUndefined()
  })

  it('needs a ClaveÚnica client id and secret together', () => {
    expect(() => parseEnv({ DATABASE_URL, CLAVEUNICA_CLIENT_ID: 'id' })).toThrow(
      /CLAVEUNICA_CLIENT_SECRET: ClaveÚnica needs both/,
    )
  })

  it('in production, needs a session secret and https addresses for ClaveÚnica (loopback excepted)', () => {
    expect(() => parseEnv({ ...production, AUTH_SECRET: undefined })).toThrow(/AUTH_SECRET: is required in production/)
    const claveUnica = { ...production, CLAVEUNICA_CLIENT_ID: 'id', CLAVEUNICA_CLIENT_SECRET: 'secret' }
    expect(() => parseEnv({ ...claveUnica, AUTH_URL: 'http://pisee.example.gob.cl' })).toThrow(
      /AUTH_URL: must be https/,
    )
    expect(() => parseEnv(claveUnica)).toThrow(/AUTH_URL: is required with ClaveÚnica/)
    expect(parseEnv({ ...claveUnica, AUTH_URL: 'https://pisee.example.gob.cl' }).CLAVEUNICA_CLIENT_ID).toBe('id')
    expect(
      parseEnv({ ...claveUnica, AUTH_URL: 'http://localhost:3100', CLAVEUNICA_ISSUER: 'http://127.0.0.1:3101/openid' })
        .AUTH_URL,
    ).toBe('http://localhost:3100')
  })
})
