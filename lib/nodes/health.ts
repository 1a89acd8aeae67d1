/** Node health as the nodes page shows it: heartbeat freshness, version against the minimum, credential expiry. */

/** A node whose last heartbeat is older than this is stale. */
export const STALE_AFTER_MS = 15 * 60_000
/** A credential expiring within this many days is "expiring". */
export const EXPIRING_WITHIN_DAYS = 30

export type HeartbeatState = 'recent' | 'stale' | 'never'

export function heartbeatState(lastHeartbeatAt: Date | null, now: Date): HeartbeatState {
  if (!lastHeartbeatAt) return 'never'
  return now.getTime() - lastHeartbeatAt.getTime() > STALE_AFTER_MS ? 'stale' : 'recent'
}

/** Compares "major.minor.patch" versions (a pre-release or build suffix is ignored); NaN parts count as 0. */
export function compareVersions(a: string, b: string): number {
  const parts = (v: string) =>
    v
      .split(/[-+]/)[0]!
      .split('.')
      .map((p) => Number.parseInt(p, 10) || 0)
  const [x, y] = [parts(a), parts(b)]
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0)
    if (d !== 0) return Math.sign(d)
  }
  return 0
}

/** Outdated: it reported a version below the minimum. A node that never reported one is not judged. */
export function isOutdated(version: string | null, minVersion: string): boolean {
  return version !== null && compareVersions(version, minVersion) < 0
}

export function isExpiring(credentialExpiresAt: Date | null, now: Date): boolean {
  return (
    credentialExpiresAt !== null && credentialExpiresAt.getTime() - now.getTime() <= EXPIRING_WITHIN_DAYS * 86_400_000
  )
}
