/** Node health as the nodes page shows it: heartbeat freshness, version against the minimum, credential expiry. */
import { Prisma } from '@/lib/generated/prisma/client'

/** A node whose last heartbeat is older than this is stale. */
export const STALE_AFTER_MS = 15 * 60_000
/** A credential expiring within this many days is "expiring". */
export const EXPIRING_WITHIN_DAYS = 30

export type HeartbeatState = 'recent' | 'stale' | 'never'

export function heartbeatState(lastHeartbeatAt: Date | null, now: Date): HeartbeatState {
  if (!lastHeartbeatAt) return 'never'
  return now.getTime() - lastHeartbeatAt.getTime() > STALE_AFTER_MS ? 'stale' : 'recent'
}

/**
 * A version as it is compared: MAJOR.MINOR.PATCH, then 0 for a pre-release (`2.0.0-rc.1` is older
 * than `2.0.0`) and 1 for a release (a `+build` suffix is ignored). Null when it is not such a
 * version (the node API accepts no other; such a node is not judged).
 */
const VERSION = /^(\d{1,9})\.(\d{1,9})\.(\d{1,9})(-)?/

function versionKey(version: string): [number, number, number, number] | null {
  const match = VERSION.exec(version)
  if (!match) return null
  return [Number(match[1]), Number(match[2]), Number(match[3]), match[4] ? 0 : 1]
}

/** -1, 0 or 1 as `a` is older, equal or newer than `b` (semver precedence without comparing pre-release tags). */
export function compareVersions(a: string, b: string): number {
  const [x, y] = [versionKey(a) ?? [0, 0, 0, 1], versionKey(b) ?? [0, 0, 0, 1]]
  for (let i = 0; i < 4; i++) if (x[i] !== y[i]) return Math.sign(x[i]! - y[i]!)
  return 0
}

/** Outdated: it reported a version below the minimum. A node that never reported one is not judged. */
export function isOutdated(version: string | null, minVersion: string): boolean {
  return version !== null && versionKey(version) !== null && compareVersions(version, minVersion) < 0
}

/** `isOutdated` in SQL, for the nodes page's filter: the same key as an int array, compared in order. */
export function outdatedSql(version: Prisma.Sql, minVersion: string): Prisma.Sql {
  const min = versionKey(minVersion)
  if (!min) throw new Error(`NODE_MIN_VERSION ${minVersion} is not MAJOR.MINOR.PATCH`)
  const m = Prisma.sql`regexp_match(${version}, '^(\\d{1,9})\\.(\\d{1,9})\\.(\\d{1,9})(-)?')`
  return Prisma.sql`COALESCE((SELECT ARRAY[v[1]::int, v[2]::int, v[3]::int, CASE WHEN v[4] IS NULL THEN 1 ELSE 0 END]
      < ARRAY[${min[0]}::int, ${min[1]}::int, ${min[2]}::int, ${min[3]}::int] FROM (SELECT ${m} AS v) parsed
      WHERE v IS NOT NULL), false)`
}

export function isExpiring(credentialExpiresAt: Date | null, now: Date): boolean {
  return (
    credentialExpiresAt !== null && credentialExpiresAt.getTime() - now.getTime() <= EXPIRING_WITHIN_DAYS * 86_400_000
  )
}
