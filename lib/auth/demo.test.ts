import { describe, expect, it } from 'vitest'
import { parseEnv } from '@/lib/env'
import { isDemoMode } from './demo'

const DATABASE_URL = 'postgresql://postgres@127.0.0.1:5432/x'
const demo = (vars: Record<string, string>) => isDemoMode(parseEnv({ DATABASE_URL, ...vars }))

describe('isDemoMode', () => {
  it('is on with DEMO_MODE=true on a server without ClaveÚnica', () => {
    expect(demo({ DEMO_MODE: 'true' })).toBe(true)
    expect(demo({ DEMO_MODE: 'false' })).toBe(false)
    expect(demo({})).toBe(false)
  })

  it('is refused whenever ClaveÚnica is configured, whatever DEMO_MODE says', () => {
    expect(demo({ DEMO_MODE: 'true', CLAVEUNICA_CLIENT_ID: 'id', CLAVEUNICA_CLIENT_SECRET: 'secret' })).toBe(false)
    expect(demo({ DEMO_MODE: 'true', CLAVEUNICA_CLIENT_ID: 'id', CLAVEUNICA_CLIENT_SECRET: 'another' })).toBe(false)
  })
})
