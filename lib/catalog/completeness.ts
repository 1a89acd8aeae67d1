/**
 * A service's completeness: how much of what a consumer needs the catalog holds for it, so DGD sees
 * what to chase. Seven criteria, equally weighted; the list computes the same in SQL
 * (lib/catalog/queries.ts completenessSql), checked against this in lib/catalog/queries.test.ts.
 */
export const COMPLETENESS_CRITERIA = [
  'spec',
  'dataElements',
  'schemas',
  'procedures',
  'serviceLevels',
  'contacts',
  'freshReview',
] as const

export type CompletenessCriterion = (typeof COMPLETENESS_CRITERIA)[number]

/** A review older than this makes a service stale. */
export const STALE_AFTER_MONTHS = 12

export function staleBefore(now: Date): Date {
  const d = new Date(now)
  d.setUTCMonth(d.getUTCMonth() - STALE_AFTER_MONTHS)
  return d
}

export function isStale(lastReviewedAt: Date | null, now = new Date()): boolean {
  return lastReviewedAt === null || lastReviewedAt <= staleBefore(now)
}

export type CompletenessFacts = {
  hasSpec: boolean
  dataElementCount: number
  schemaCount: number
  procedures: readonly string[]
  serviceLevels: unknown
  contacts: unknown
  lastReviewedAt: Date | null
}

export function completeness(facts: CompletenessFacts, now = new Date()) {
  const met: Record<CompletenessCriterion, boolean> = {
    spec: facts.hasSpec,
    dataElements: facts.dataElementCount > 0,
    schemas: facts.schemaCount > 0,
    procedures: facts.procedures.length > 0,
    serviceLevels: facts.serviceLevels !== null && facts.serviceLevels !== undefined,
    contacts: Array.isArray(facts.contacts) && facts.contacts.length > 0,
    freshReview: !isStale(facts.lastReviewedAt, now),
  }
  const count = COMPLETENESS_CRITERIA.filter((c) => met[c]).length
  return { met, score: Math.round((count * 100) / COMPLETENESS_CRITERIA.length) }
}
