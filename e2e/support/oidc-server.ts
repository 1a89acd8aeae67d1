/**
 * A stand-in for ClaveÚnica in the end-to-end tests: a real OpenID Connect provider (`oidc-provider`)
 * over plain http on 127.0.0.1, made to behave like ClaveÚnica's integration guide:
 * - issuer `…/openid`, endpoints `…/openid/authorize/`, `…/openid/token/`, `…/openid/userinfo/`;
 * - scope exactly `openid run name` (anything else is refused); no e-mail anywhere;
 * - one confidential client authenticating with client_id and client_secret in the token request's
 *   body only (client_secret_post; an Authorization header is refused);
 * - the person's claims only at userinfo, and userinfo only by POST with the access token as Bearer:
 *   `RolUnico: { numero, DV, tipo }`, `name: { nombres, apellidos }`;
 * - the logout URL `/api/v1/accounts/app/logout?redirect=<registered logout URI>`, which ends the
 *   ClaveÚnica session and returns;
 * - PKCE and nonce honoured (as oidc-provider does), unless a test asks it to ignore them.
 *
 * Its login page asks only for a RUN: whoever's valid RUN is typed is signed in (consent is granted
 * automatically). Names come from the demo people of prisma/seed.ts, else "Persona de Prueba".
 *
 * Tests change its behaviour for the next sign-ins (ignore PKCE and nonce, fail userinfo, assert a
 * RUN that fails módulo 11) with POST /__e2e/behaviour, and read what it saw at GET /__e2e/log
 * (e2e/support/claveunica.ts).
 *
 *   npx tsx e2e/support/oidc-server.ts   (env: OIDC_PORT, OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET,
 *                                         OIDC_REDIRECT_URI, OIDC_LOGOUT_REDIRECT_URI; defaults: e2e/support/env.ts)
 *
 * Test-only: keys and cookie keys are generated per start and everything is kept in memory.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { checkDigit, formatRut, normalizeRut } from '../../lib/chile/rut'
import { E2E } from './env'
import type { Behaviour as StandInBehaviour, Seen } from './claveunica'

const env = { ...E2E.oidcServerEnv, ...definedOnly(process.env) }
const port = Number(env.OIDC_PORT)
const issuer = env.OIDC_ISSUER
const client = { id: env.OIDC_CLIENT_ID, secret: env.OIDC_CLIENT_SECRET, redirectUri: env.OIDC_REDIRECT_URI }
const logoutRedirectUri = env.OIDC_LOGOUT_REDIRECT_URI
const mountPath = new URL(issuer).pathname.replace(/\/+$/, '')
const SCOPE = 'openid run name'
const LOGOUT_PATH = '/api/v1/accounts/app/logout'

/** What the next sign-ins meet; reset by DELETE /__e2e/behaviour. */
type Behaviour = Required<StandInBehaviour>
const normalBehaviour: Behaviour = { ignorePkceAndNonce: false, userinfoFails: false, runFailsModulo11: false }
let behaviour: Behaviour = { ...normalBehaviour }

const emptyLog = (): Seen => ({ authorizations: [], tokenRequests: [], userinfoRequests: [], logouts: [] })
let seen = emptyLog()

function definedOnly(source: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(source).filter((entry): entry is [string, string] => entry[1] !== undefined))
}

/** The demo people of prisma/seed.ts, by RUN body, so that their ClaveÚnica names match. */
const knownPeople: Record<string, { nombres: string[]; apellidos: string[] }> = {
  '15234561': { nombres: ['Carolina'], apellidos: ['Fuentes', 'Rojas'] },
  '16345672': { nombres: ['Matías'], apellidos: ['Herrera', 'Soto'] },
  '17456783': { nombres: ['Valentina'], apellidos: ['Muñoz', 'Araya'] },
  '13567894': { nombres: ['Jorge'], apellidos: ['Castillo', 'Vega'] },
  '18678905': { nombres: ['Daniela'], apellidos: ['Pizarro', 'Tapia'] },
  '14789016': { nombres: ['Felipe'], apellidos: ['Contreras', 'Olivares'] },
  '12890127': { nombres: ['Andrea'], apellidos: ['Morales', 'Díaz'] },
  '19901238': { nombres: ['Rodrigo'], apellidos: ['Silva', 'Campos'] },
  '16012349': { nombres: ['Camila'], apellidos: ['Reyes', 'Navarro'] },
  '11123450': { nombres: ['Sebastián'], apellidos: ['Vargas', 'Lagos'] },
  '10234568': { nombres: ['Patricia'], apellidos: ['Núñez', 'Espinoza'] },
  '20345679': { nombres: ['Juan'], apellidos: ['Pérez', 'González'] },
}

/** The claims ClaveÚnica's userinfo asserts for a RUN ("12345678-5", the account id and `sub`). No e-mail. */
function claimsFor(run: string) {
  const [body, dv] = run.split('-') as [string, string]
  const known = knownPeople[body]
  const wrongDv = dv === '0' ? '1' : '0'
  return {
    sub: run,
    RolUnico: { numero: Number(body), DV: behaviour.runFailsModulo11 ? wrongDv : dv, tipo: 'RUN' },
    name: known
      ? { nombres: known.nombres, apellidos: known.apellidos }
      : { nombres: ['Persona'], apellidos: ['de', 'Prueba'] },
  }
}

// oidc-provider prints notices ("you SHOULD change…"), a warning about its in-memory adapter (which
// is what a test double wants) and, on Node 20, an unsupported-runtime warning: noise here. Its other
// warnings still go through.
for (const level of ['info', 'warn'] as const) {
  const original = console[level].bind(console)
  console[level] = (...args: unknown[]) => {
    const text = typeof args[0] === 'string' ? args[0] : ''
    if (text.startsWith('oidc-provider NOTICE') || /Unsupported runtime|in-memory adapter/.test(text)) return
    original(...args)
  }
}

// The package ships no types; loaded after the console filter above (a static import would run first).
const moduleName = 'oidc-provider'
const { default: Provider } = (await import(moduleName)) as { default: ProviderConstructor }

type Grant = {
  jti: string
  accountId: string
  clientId: string
  addOIDCScope(scope: string): void
  addOIDCClaims(claims: string[]): void
  save(): Promise<string>
}
type OidcContext = {
  oidc: {
    account?: { accountId: string }
    client: { clientId: string }
    session: { grantIdFor(clientId: string): string | undefined }
    result?: { consent?: { grantId?: string } }
    requestParamOIDCScopes: Set<string>
    requestParamClaims: Set<string>
    provider: {
      Grant: {
        new (init: { accountId: string; clientId: string }): Grant
        find(id: string): Promise<Grant | undefined>
      }
    }
  }
  type: string
  status: number
  body: string
}
type Interaction = { uid: string; prompt: { name: string }; params: Record<string, unknown> }
type OidcProvider = {
  Session: { find(id: string): Promise<{ destroy(): Promise<void> } | undefined> }
  on(
    event: 'grant.error',
    listener: (ctx: unknown, error: { error_description?: string; error_detail?: string }) => void,
  ): void
  callback(): (req: IncomingMessage, res: ServerResponse) => void
  interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<Interaction>
  interactionFinished(
    req: IncomingMessage,
    res: ServerResponse,
    result: object,
    options?: { mergeWithLastSubmission?: boolean },
  ): Promise<void>
}
type ProviderConstructor = new (issuer: string, configuration: object) => OidcProvider

const signingKey = {
  ...generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }),
  kid: `e2e-${randomBytes(4).toString('hex')}`,
  use: 'sig',
  alg: 'RS256',
}

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: client.id,
      client_secret: client.secret,
      redirect_uris: [client.redirectUri],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      // ClaveÚnica: client_id and client_secret in the form body.
      token_endpoint_auth_method: 'client_secret_post',
    },
  ],
  jwks: { keys: [signingKey] },
  scopes: ['openid', 'run', 'name'],
  claims: { openid: ['sub'], run: ['RolUnico'], name: ['name'] },
  // Like ClaveÚnica: the person's claims are at the userinfo endpoint only, not in the ID token.
  conformIdTokenClaims: true,
  // The guide does not require PKCE; a code_challenge that is sent is still verified.
  pkce: { required: () => false },
  routes: { authorization: '/authorize', token: '/token', userinfo: '/userinfo', jwks: '/jwks' },
  features: { devInteractions: { enabled: false } },
  interactions: { url: (_ctx: unknown, interaction: Interaction) => `/interaction/${interaction.uid}` },
  // Plain http: the cookies are not `secure` (ctx.secure is false) and stay sameSite=lax.
  cookies: { keys: [randomBytes(32).toString('base64url')] },
  findAccount: (_ctx: unknown, sub: string) => {
    const run = normalizeRut(sub)
    if (!run) return undefined
    return { accountId: run, claims: () => claimsFor(run) }
  },
  // Consent is implied: every login grants the scopes and claims the client asked for.
  async loadExistingGrant(ctx: OidcContext) {
    const { oidc } = ctx
    if (!oidc.account) return undefined
    const grantId = oidc.result?.consent?.grantId ?? oidc.session.grantIdFor(oidc.client.clientId)
    const existing = grantId ? await oidc.provider.Grant.find(grantId) : undefined
    const grant =
      existing && existing.accountId === oidc.account.accountId
        ? existing
        : new oidc.provider.Grant({ accountId: oidc.account.accountId, clientId: oidc.client.clientId })
    grant.addOIDCScope([...oidc.requestParamOIDCScopes].join(' '))
    if (oidc.requestParamClaims.size) grant.addOIDCClaims([...oidc.requestParamClaims])
    await grant.save()
    return grant
  },
  ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 3600, Grant: 3600 },
  renderError(ctx: OidcContext, out: Record<string, string>) {
    ctx.type = 'html'
    ctx.body = page(
      'ClaveÚnica — Error',
      `<h1>No fue posible completar el ingreso</h1>
       <p role="alert">${escapeHtml(out.error_description ?? out.error ?? 'Error')}</p>`,
    )
  },
})

// One line per refused token request (a replayed code, a wrong PKCE verifier…): what the tests provoke.
provider.on('grant.error', (_ctx, error) => {
  console.warn(
    `oidc-server: token request refused: ${error.error_description ?? 'error'}${error.error_detail ? ` (${error.error_detail})` : ''}`,
  )
})

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

function page(title: string, main: string): string {
  return `<!doctype html>
<html lang="es-CL">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
  body { margin: 0; font-family: system-ui, sans-serif; background: #f4f6f9; color: #1b1f24; }
  header { background: #0f69b4; color: #fff; padding: 12px 24px; font-weight: 700; }
  header span { color: #eb3c46; }
  main { max-width: 420px; margin: 48px auto; background: #fff; border: 1px solid #d9dee5; border-radius: 8px; padding: 32px; }
  h1 { font-size: 1.4rem; margin-top: 0; }
  label { display: block; font-weight: 600; margin-bottom: 6px; }
  input { width: 100%; box-sizing: border-box; font-size: 1.1rem; padding: 10px; border: 1px solid #8a96a3; border-radius: 4px; }
  .hint { color: #5b6672; font-size: .9rem; }
  .alert { color: #a4141e; background: #fdecee; border-radius: 4px; padding: 8px 12px; }
  .actions { display: flex; gap: 12px; margin-top: 20px; }
  button { font-size: 1rem; padding: 10px 18px; border-radius: 4px; border: 1px solid #0f69b4; cursor: pointer; }
  button.primary { background: #0f69b4; color: #fff; }
  button.secondary { background: #fff; color: #0f69b4; }
</style>
</head>
<body>
<header>Clave<span>Única</span> · servidor de prueba</header>
<main>${main}</main>
</body>
</html>`
}

function loginPage(uid: string, error?: string, typed = ''): string {
  return page(
    'ClaveÚnica — Ingreso de prueba',
    `<h1>Ingreso de prueba</h1>
     <p class="hint">Servidor de pruebas: ingresa con cualquier RUN válido, sin contraseña.</p>
     ${error ? `<p role="alert" class="alert">${escapeHtml(error)}</p>` : ''}
     <form method="post" action="/interaction/${escapeHtml(uid)}/login" autocomplete="off">
       <label for="run">RUN</label>
       <input id="run" name="run" inputmode="text" placeholder="12.345.678-5" value="${escapeHtml(typed)}" required autofocus>
       <div class="actions">
         <button type="submit" class="primary">Continuar</button>
         <button type="submit" class="secondary" formaction="/interaction/${escapeHtml(uid)}/abort" formnovalidate>Cancelar</button>
       </div>
     </form>`,
  )
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  let body = ''
  for await (const chunk of req) {
    body += String(chunk)
    if (body.length > 10_000) throw new Error('Body too large')
  }
  return new URLSearchParams(body)
}

function send(res: ServerResponse, status: number, html: string) {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' })
  res.end(html)
}

/** The login interaction: GET shows the form, POST …/login signs in the RUN, POST …/abort cancels. */
async function handleInteraction(req: IncomingMessage, res: ServerResponse, uid: string, action: string | undefined) {
  let details: Interaction
  try {
    details = await provider.interactionDetails(req, res)
  } catch {
    return send(
      res,
      400,
      page(
        'ClaveÚnica — Error',
        '<h1>La sesión de ingreso expiró</h1><p role="alert">Vuelve a intentarlo desde el portal.</p>',
      ),
    )
  }
  if (details.uid !== uid) return send(res, 400, page('ClaveÚnica — Error', '<h1>Solicitud inválida</h1>'))

  if (req.method === 'GET' && !action) return send(res, 200, loginPage(uid))
  if (req.method !== 'POST') return send(res, 405, page('ClaveÚnica — Error', '<h1>Método no permitido</h1>'))

  if (action === 'abort') {
    return provider.interactionFinished(
      req,
      res,
      { error: 'access_denied', error_description: 'La persona canceló el ingreso.' },
      { mergeWithLastSubmission: false },
    )
  }
  const typed = (await readForm(req)).get('run') ?? ''
  const run = normalizeRut(typed)
  if (!run) return send(res, 400, loginPage(uid, 'El RUN no es válido. Revisa el dígito verificador.', typed))
  return provider.interactionFinished(
    req,
    res,
    { login: { accountId: run, remember: false } },
    { mergeWithLastSubmission: false },
  )
}

const oidcCallback = provider.callback()
const interactionPath = /^\/interaction\/([\w-]+)(?:\/(login|abort))?$/

function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' })
  res.end(JSON.stringify(body))
}

function cookieValue(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=')
    if (key === name) return decodeURIComponent(value.join('='))
  }
  return undefined
}

/** The test controls: PUT a behaviour for the next sign-ins, DELETE to reset it and the log, GET the log. */
async function handleControl(req: IncomingMessage, res: ServerResponse, what: string) {
  if (what === 'behaviour' && req.method === 'POST') {
    let body = ''
    for await (const chunk of req) body += String(chunk)
    behaviour = { ...normalBehaviour, ...(JSON.parse(body || '{}') as Partial<Behaviour>) }
    return sendJson(res, 200, behaviour)
  }
  if (what === 'behaviour' && req.method === 'DELETE') {
    behaviour = { ...normalBehaviour }
    seen = emptyLog()
    res.writeHead(204).end()
    return
  }
  if (what === 'log' && req.method === 'GET') return sendJson(res, 200, seen)
  sendJson(res, 404, { error: 'not_found' })
}

/** ClaveÚnica's logout: ends its session and returns to the client's registered logout URI. */
async function handleLogout(req: IncomingMessage, res: ServerResponse, url: URL) {
  const redirect = url.searchParams.get('redirect')
  seen.logouts.push({ redirect })
  if (redirect !== logoutRedirectUri)
    return send(res, 400, page('ClaveÚnica — Error', '<h1>Dirección de retorno no registrada</h1>'))
  const sessionId = cookieValue(req, '_session')
  if (sessionId) await (await provider.Session.find(sessionId))?.destroy()
  res.writeHead(302, {
    location: redirect,
    'set-cookie': ['_session', '_session.sig'].map((name) => `${name}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax`),
  })
  res.end()
}

/** The OpenID Connect endpoints under the issuer's path, adapted to behave like ClaveÚnica. */
async function handleOidc(req: IncomingMessage, res: ServerResponse, url: URL) {
  // ClaveÚnica's endpoints end in a slash; oidc-provider's routes do not.
  const path = url.pathname.slice(mountPath.length).replace(/(.)\/+$/, '$1') || '/'

  if (path === '/authorize') {
    const scope = url.searchParams.get('scope')
    seen.authorizations.push({
      scope,
      codeChallenge: url.searchParams.has('code_challenge'),
      nonce: url.searchParams.has('nonce'),
    })
    if (scope !== SCOPE) {
      return send(
        res,
        400,
        page(
          'ClaveÚnica — Error',
          `<h1>Solicitud inválida</h1><p role="alert">invalid_scope: se espera «${SCOPE}».</p>`,
        ),
      )
    }
    if (behaviour.ignorePkceAndNonce)
      for (const name of ['code_challenge', 'code_challenge_method', 'nonce']) url.searchParams.delete(name)
  }

  if (path === '/token' && req.method === 'POST') {
    let raw = ''
    for await (const chunk of req) raw += String(chunk)
    const form = new URLSearchParams(raw)
    seen.tokenRequests.push({
      authorizationHeader: req.headers.authorization !== undefined,
      clientSecretInBody: form.get('client_secret') === client.secret && form.get('client_id') === client.id,
      state: form.get('state'),
      codeVerifier: form.has('code_verifier'),
    })
    if (req.headers.authorization) {
      return sendJson(res, 401, {
        error: 'invalid_client',
        error_description: 'client_id y client_secret van en el cuerpo',
      })
    }
    if (behaviour.ignorePkceAndNonce) form.delete('code_verifier')
    // Handed to oidc-provider already read (it then takes req.body).
    Object.assign(req, { body: Object.fromEntries(form) })
  }

  if (path === '/userinfo') {
    seen.userinfoRequests.push({ method: req.method ?? '', bearer: /^Bearer /.test(req.headers.authorization ?? '') })
    if (req.method !== 'POST')
      return sendJson(res, 405, { error: 'invalid_request', error_description: 'userinfo se pide por POST' })
    if (behaviour.userinfoFails) return sendJson(res, 500, { error: 'server_error' })
  }

  Object.assign(req, { originalUrl: `${mountPath}${path}${url.search}`, url: `${path}${url.search}` })
  oidcCallback(req, res)
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', issuer)
  const fail = (error: unknown) => {
    console.error('oidc-server: request failed', error)
    if (!res.headersSent) send(res, 500, page('ClaveÚnica — Error', '<h1>Error interno</h1>'))
  }
  const control = /^\/__e2e\/(behaviour|log)$/.exec(url.pathname)
  if (control) return void handleControl(req, res, control[1]!).catch(fail)
  if (url.pathname === LOGOUT_PATH) return void handleLogout(req, res, url).catch(fail)
  const match = interactionPath.exec(url.pathname)
  if (match) return void handleInteraction(req, res, match[1]!, match[2]).catch(fail)
  if (url.pathname === mountPath || url.pathname.startsWith(`${mountPath}/`))
    return void handleOidc(req, res, url).catch(fail)
  send(res, 404, page('ClaveÚnica — Error', '<h1>No encontrado</h1>'))
})

server.listen(port, '127.0.0.1', () => {
  console.log(
    `ClaveÚnica de prueba en ${issuer} (cliente ${client.id}; p. ej. RUN ${formatRut(`15234561-${checkDigit('15234561')}`)})`,
  )
})

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    server.close()
    server.closeAllConnections()
    process.exit(0)
  })
}
