/**
 * ClaveÚnica, the Chilean State's OpenID Connect provider. Its ID token identifies a person by RUN
 * (`RolUnico: { numero, DV, tipo }`) and names them as `{ nombres: [], apellidos: [] }`.
 */
import type { OIDCConfig } from 'next-auth/providers'
import { normalizeRut } from '@/lib/chile/rut'
import { env, type Env } from '@/lib/env'

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
export function isClaveUnicaConfigured(source: Pick<Env, 'CLAVEUNICA_CLIENT_ID' | 'CLAVEUNICA_CLIENT_SECRET'> = env): boolean {
  return Boolean(source.CLAVEUNICA_CLIENT_ID || source.CLAVEUNICA_CLIENT_SECRET)
}

/** Configured from the environment; absent when the issuer or client is not set. */
export function claveUnicaProvider(source: Env = env): OIDCConfig<ClaveUnicaClaims> | null {
  const issuer = source.CLAVEUNICA_ISSUER
  const clientId = source.CLAVEUNICA_CLIENT_ID
  const clientSecret = source.CLAVEUNICA_CLIENT_SECRET
  if (!clientId || !clientSecret) return null
  return {
    id: 'claveunica',
    name: 'ClaveÚnica',
    type: 'oidc',
    issuer,
    clientId,
    clientSecret,
    checks: ['pkce', 'state', 'nonce'],
    authorization: { params: { scope: 'openid run name email' } },
    profile(claims) {
      const run = runFromClaims(claims)
      // Refused by the signIn callback: a login must name a valid RUN.
      if (!run) return { id: claims.sub, name: nameFromClaims(claims), email: null, run: null }
      return { id: claims.sub, name: nameFromClaims(claims) || run, email: claims.email ?? null, run }
    },
  }
}
