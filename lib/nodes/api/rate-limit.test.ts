import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { db } from '@/lib/db/client'
import { consumeNodeCall } from './rate-limit'

describe('per-node rate limit (rate-limiter-flexible on the app database)', () => {
  const previous = process.env.NODE_API_RATE_LIMIT
  beforeEach(() => {
    process.env.NODE_API_RATE_LIMIT = '3'
  })
  afterEach(() => {
    process.env.NODE_API_RATE_LIMIT = previous
  })

  it('allows the limit, then refuses with the seconds to wait, counting each node apart', async () => {
    const node = `node-${Math.random()}`
    const decisions = []
    for (let i = 0; i < 4; i++) decisions.push(await consumeNodeCall(node))
    expect(decisions.slice(0, 3).map((d) => d.allowed)).toEqual([true, true, true])
    expect(decisions[0]).toMatchObject({ allowed: true, limit: 3, remaining: 2 })
    const refused = decisions[3]!
    expect(refused.allowed).toBe(false)
    if (!refused.allowed) {
      expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(1)
      expect(refused.retryAfterSeconds).toBeLessThanOrEqual(60)
    }
    expect(await consumeNodeCall(`${node}-other`)).toMatchObject({ allowed: true, remaining: 2 })
  })

  it('keeps the count in the database, where every replica reads it', async () => {
    const node = `node-${Math.random()}`
    await consumeNodeCall(node)
    await consumeNodeCall(node)
    const row = await db.rateLimit.findUnique({ where: { key: `node-api:${node}` } })
    expect(row?.points).toBe(2)
    expect(Number(row?.expire)).toBeGreaterThan(Date.now())
  })

  it('counts every call of a burst, concurrent ones included', async () => {
    const node = `node-${Math.random()}`
    const decisions = await Promise.all(Array.from({ length: 6 }, () => consumeNodeCall(node)))
    expect(decisions.filter((d) => d.allowed)).toHaveLength(3)
  })
})
