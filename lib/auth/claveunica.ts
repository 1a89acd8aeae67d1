/**
 * ClaveÚnica, the Chilean State's OpenID Connect provider. Its ID token identifies a person by RUN
 * (`RolUnico: { numero, DV, tipo }`) and names them as `{ nombres: [], apellidos: [] }`.
 */
import type { OIDCConfig } from 'next-auth/providers'
import { normalizeRut } from '@/lib/chile/rut'

export type ClaveUnicaClaims = {
  sub: string
  RolUnico?: { numero?: number | string; DV?: string; tipo?: string }
  /** Some deployments send the RUN flat, "12345678-5". */
  run?: string
  name?: string | { nombres?: string[]; apellidos?: string[] }
  email?: string
}

/** The normalized RUN the claims assert, or null when absent or invalid. */
export function runFromClaims(claims: ClaveUnicaClaims): string | null {
  if (claims.RolUnico?.numero !== undefined && claims.RolUnico.DV !== undefined) {
    return normalizeRut(`${claims.RolUnico.numero}-${claims.RolUnico.DV}`)
  }
  return claims.run ? normalizeRut(claims.run) : null
}

export function nameFromClaims(claims: ClaveUnicaClaims): string {
  if (typeof claims.name === 'string') return claims.name.trim()
  const parts = [...(claims.name?.nombres ?? []), ...(claims.name?.apellidos ?? [])]
  return parts.join(' ').trim()
}

/** Whether ClaveÚnica sign-in is configured (a client id and secret are set): then demo sign-in is refused. */
export function isClaveUnicaConfigured(env: Record<string, string | undefined> = process.env): boolean {
  return Boolean(env.CLAVEUNICA_CLIENT_ID || env.CLAVEUNICA_CLIENT_SECRET)
}

/** Configured from the environment; absent when the issuer or client is not set. */
export function claveUnicaProvider(env: Record<string, string | undefined> = process.env): OIDCConfig<ClaveUnicaClaims> | null {
  const issuer = env.CLAVEUNICA_ISSUER
  const clientId = env.CLAVEUNICA_CLIENT_ID
  const clientSecret = env.CLAVEUNICA_CLIENT_SECRET
  if (!issuer || !clientId || !clientSecret) return null
  return {
    id: 'claveunica',
    name: 'ClaveÚnica',
    type: 'oidc',
    issuer,
    clientId,
    clientSecret,
    checks: ['pkce', 'state', 'nonce'],
    authorization: { params: { scope: env.CLAVEUNICA_SCOPE ?? 'openid run name email' } },
    profile(claims) {
      const run = runFromClaims(claims)
      // Refused by the signIn callback: a login must name a valid RUN.
      if (!run) return { id: claims.sub, name: nameFromClaims(claims), email: null, run: null }
      return { id: claims.sub, name: nameFromClaims(claims) || run, email: claims.email ?? null, run }
    },
  }
}
