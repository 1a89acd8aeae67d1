import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible'
import { db } from '@/lib/db/client'
import { env } from '@/lib/env'

/** The window of the per-node limit; the number of calls in it is env NODE_API_RATE_LIMIT. */
export const RATE_LIMIT_WINDOW_SECONDS = 60

/**
 * rate-limiter-flexible's PostgreSQL store speaks to a `pg` pool; this gives it the portal's own
 * Prisma client instead, so its one atomic `INSERT … ON CONFLICT DO UPDATE … RETURNING` per call runs
 * on the app's connections — the embedded database's single connection included — and every replica
 * counts in the same table (`rate_limits`, created by a migration, not at run time).
 */
const prismaAsPgPool = {
  async query({ text, values = [] }: { text: string; values?: unknown[] }) {
    if (/\bRETURNING\b|^\s*SELECT\b/i.test(text)) {
      const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(text, ...values)
      // bigint columns come back as BigInt; the library does arithmetic with numbers.
      const plain = rows.map((row) =>
        Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v])),
      )
      return { rows: plain, rowCount: plain.length }
    }
    const rowCount = await db.$executeRawUnsafe(text, ...values)
    return { rows: [], rowCount }
  },
}

const limiters = new Map<number, RateLimiterPostgres>()

function limiterFor(points: number): RateLimiterPostgres {
  let limiter = limiters.get(points)
  if (!limiter) {
    limiter = new RateLimiterPostgres({
      storeClient: prismaAsPgPool,
      storeType: 'pool',
      tableName: 'rate_limits',
      tableCreated: true,
      keyPrefix: 'node-api',
      points,
      duration: RATE_LIMIT_WINDOW_SECONDS,
    })
    limiters.set(points, limiter)
  }
  return limiter
}

export type RateLimitDecision =
  | { allowed: true; limit: number; remaining: number; resetSeconds: number }
  | { allowed: false; limit: number; retryAfterSeconds: number }

/** Counts one call of the node against its limit. */
export async function consumeNodeCall(nodeId: string): Promise<RateLimitDecision> {
  const limit = env.NODE_API_RATE_LIMIT
  try {
    const res = await limiterFor(limit).consume(nodeId, 1)
    return {
      allowed: true,
      limit,
      remaining: res.remainingPoints,
      resetSeconds: Math.ceil(res.msBeforeNext / 1000),
    }
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) {
      return { allowed: false, limit, retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) }
    }
    throw rejection
  }
}

/** The `RateLimit-*` headers (IETF draft) a successful call carries. */
export function rateLimitHeaders(decision: Extract<RateLimitDecision, { allowed: true }>): Record<string, string> {
  return {
    'RateLimit-Limit': String(decision.limit),
    'RateLimit-Remaining': String(decision.remaining),
    'RateLimit-Reset': String(decision.resetSeconds),
  }
}
