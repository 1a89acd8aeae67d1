import { describe, expect, it } from 'vitest'
import { isDemoMode } from './demo'

describe('isDemoMode', () => {
  it('is on with DEMO_MODE=true on a server without ClaveÚnica', () => {
    expect(isDemoMode({ DEMO_MODE: 'true' })).toBe(true)
    expect(isDemoMode({ DEMO_MODE: 'false' })).toBe(false)
    expect(isDemoMode({})).toBe(false)
  })

  it('is refused whenever ClaveÚnica is configured, whatever DEMO_MODE says', () => {
    expect(isDemoMode({ DEMO_MODE: 'true', CLAVEUNICA_CLIENT_ID: 'id', CLAVEUNICA_CLIENT_SECRET: 'secret' })).toBe(false)
    expect(isDemoMode({ DEMO_MODE: 'true', CLAVEUNICA_CLIENT_ID: 'id' })).toBe(false)
  })
})
