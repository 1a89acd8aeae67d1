/**
 * ClaveÚnica, the Chilean State's OpenID Connect provider, as its integration guide describes it
 * (docs/decisions/008-claveunica-certification.md maps each certification requirement to code and test):
 * - scope exactly `openid run name`; ClaveÚnica gives no e-mail, and none is ever read from it;
 * - the RUN and the name come from the userinfo endpoint (POST, access token as Bearer):
 *   `RolUnico: { numero, DV, tipo }` and `name: { nombres: [], apellidos: [] }`;
 * - the token request authenticates with client_id and client_secret in the form body
 *   (client_secret_post) and carries the callback's `state`;
 * - sign-out goes through ClaveÚnica's logout URL (claveUnicaLogoutUrl).
 * PKCE and nonce are sent as well; a provider that ignores them still signs people in (a nonce the ID
 * token does carry is checked).
 */
import type { OIDCConfig } from 'next-auth/providers'
import { customFetch } from 'next-auth'
import { normalizeRut } from '@/lib/chile/rut'
import { env, type Env } from '@/lib/env'

export const CLAVEUNICA_SCOPE = 'openid run name'

/** What ClaveÚnica's userinfo endpoint returns. */
export type ClaveUnicaClaims = {
  sub: string
  RolUnico?: { numero?: number | string; DV?: string; tipo?: string }
  name?: { nombres?: string[]; apellidos?: string[] }
}

/** The normalized RUN the claims assert, or null when absent or invalid (módulo 11). */
export function runFromClaims(claims: ClaveUnicaClaims): string | null {
  const rolUnico = claims.RolUnico
  if (rolUnico?.numero === undefined || rolUnico.DV === undefined) return null
  return normalizeRut(`${rolUnico.numero}-${rolUnico.DV}`)
}

export function nameFromClaims(claims: ClaveUnicaClaims): string {
  const parts = [...(claims.name?.nombres ?? []), ...(claims.name?.apellidos ?? [])]
  return parts.join(' ').replace(/\s+/g, ' ').trim()
}

/** Whether ClaveÚnica sign-in is configured (a client id and secret are set): then demo sign-in is refused. */
export function isClaveUnicaConfigured(
  source: Pick<Env, 'CLAVEUNICA_CLIENT_ID' | 'CLAVEUNICA_CLIENT_SECRET'> = env,
): boolean {
  return Boolean(source.CLAVEUNICA_CLIENT_ID || source.CLAVEUNICA_CLIENT_SECRET)
}

/** The issuer and endpoints: the production ones unless the environment says otherwise. */
export function claveUnicaEndpoints(source: Env = env) {
  const issuer = source.CLAVEUNICA_ISSUER.replace(/\/+$/, '')
  return {
    issuer,
    authorization: source.CLAVEUNICA_AUTHORIZATION_URL ?? `${issuer}/authorize/`,
    token: source.CLAVEUNICA_TOKEN_URL ?? `${issuer}/token/`,
    userinfo: source.CLAVEUNICA_USERINFO_URL ?? `${issuer}/userinfo/`,
  }
}

/** Where sign-out sends the browser: ClaveÚnica's logout, which returns to the configured logout URI. */
export function claveUnicaLogoutUrl(source: Env = env): string {
  const back =
    source.CLAVEUNICA_LOGOUT_REDIRECT_URI ??
    new URL('/login', source.AUTH_URL ?? `http://localhost:${source.PORT}`).href
  const url = new URL(source.CLAVEUNICA_LOGOUT_URL)
  url.searchParams.set('redirect', back)
  return url.href
}

/** The callback being handled, when the provider is built for one: its `state` goes into the token request. */
export type ClaveUnicaRequest = { callbackState?: string | null }

/**
 * ClaveÚnica as an Auth.js provider, built per request (lib/auth/auth.ts) so that what one sign-in
 * learns (its state, whether its ID token carries a nonce) never leaks into another. Null when no
 * client is configured.
 */
export function claveUnicaProvider(
  source: Env = env,
  request: ClaveUnicaRequest = {},
): OIDCConfig<ClaveUnicaClaims> | null {
  const clientId = source.CLAVEUNICA_CLIENT_ID
  const clientSecret = source.CLAVEUNICA_CLIENT_SECRET
  if (!clientId || !clientSecret) return null
  const endpoints = claveUnicaEndpoints(source)
  // Auth.js reads this array (the same one, not a copy) when it checks the ID token's nonce.
  const checks: ('pkce' | 'state' | 'nonce')[] = ['pkce', 'state', 'nonce']
  return {
    id: 'claveunica',
    name: 'ClaveÚnica',
    type: 'oidc',
    issuer: endpoints.issuer,
    clientId,
    clientSecret,
    client: { token_endpoint_auth_method: 'client_secret_post' },
    checks,
    authorization: { url: endpoints.authorization, params: { scope: CLAVEUNICA_SCOPE } },
    token: endpoints.token,
    userinfo: endpoints.userinfo,
    // The claims are at the userinfo endpoint, not in the ID token.
    idToken: false,
    [customFetch]: claveUnicaFetch(endpoints, request, checks),
    profile(claims) {
      const run = runFromClaims(claims)
      const name = nameFromClaims(claims)
      // No e-mail: ClaveÚnica gives none; a person's e-mail comes from the portal. Refused by the
      // signIn callback when the RUN is missing or fails módulo 11.
      return { id: claims.sub, name: name || run, email: null, run }
    },
  }
}

type Fetch = typeof fetch

/** The ID token's nonce claim; a token that cannot be read keeps the check (and fails it). */
function idTokenNonce(idToken: string): unknown {
  try {
    const payload = JSON.parse(Buffer.from(idToken.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
      nonce?: unknown
    }
    return payload.nonce
  } catch {
    return null
  }
}

/**
 * The server-side calls to ClaveÚnica, adapted to its guide: the token request carries `state`;
 * userinfo is a POST (oauth4webapi sends GET); an ID token without a nonce (a provider that ignores
 * it) drops the nonce check for this sign-in only, while state and PKCE still hold.
 */
function claveUnicaFetch(
  endpoints: ReturnType<typeof claveUnicaEndpoints>,
  request: ClaveUnicaRequest,
  checks: string[],
): Fetch {
  return async (input, init) => {
    const url = input instanceof Request ? input.url : String(input)
    if (url === endpoints.userinfo) return fetch(input, { ...init, method: 'POST' })
    if (url !== endpoints.token) return fetch(input, init)
    if (init?.body instanceof URLSearchParams && request.callbackState) init.body.set('state', request.callbackState)
    const response = await fetch(input, init)
    const idToken = response.ok
      ? (
          (await response
            .clone()
            .json()
            .catch(() => null)) as { id_token?: unknown } | null
        )?.id_token
      : undefined
    if (typeof idToken === 'string' && idTokenNonce(idToken) === undefined) {
      const at = checks.indexOf('nonce')
      if (at >= 0) checks.splice(at, 1)
    }
    return response
  }
}
