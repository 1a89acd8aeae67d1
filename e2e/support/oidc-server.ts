/**
 * A stand-in for ClaveÚnica in the end-to-end tests: a real OpenID Connect provider (`oidc-provider`)
 * over plain http on 127.0.0.1. One confidential client (client_secret_basic, the Auth.js default),
 * authorization code flow with PKCE required, scopes `openid run name email`. Like ClaveÚnica, the
 * person's claims travel IN THE ID TOKEN: `RolUnico: { numero, DV, tipo }`, `name: { nombres,
 * apellidos }` and `email`.
 *
 * Its login page asks only for a RUN: whoever's valid RUN is typed is signed in (consent is granted
 * automatically). Names come from the demo people of prisma/seed.ts, else "Persona de Prueba".
 *
 *   npx tsx e2e/support/oidc-server.ts   (env: OIDC_PORT, OIDC_ISSUER, OIDC_CLIENT_ID,
 *                                         OIDC_CLIENT_SECRET, OIDC_REDIRECT_URI; defaults: e2e/support/env.ts)
 *
 * Test-only: keys and cookie keys are generated per start and everything is kept in memory.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { checkDigit, formatRut, normalizeRut } from '../../lib/chile/rut'
import { E2E } from './env'

const env = { ...E2E.oidcServerEnv, ...definedOnly(process.env) }
const port = Number(env.OIDC_PORT)
const issuer = env.OIDC_ISSUER
const client = { id: env.OIDC_CLIENT_ID, secret: env.OIDC_CLIENT_SECRET, redirectUri: env.OIDC_REDIRECT_URI }

function definedOnly(source: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(source).filter((entry): entry is [string, string] => entry[1] !== undefined))
}

/** The demo people of prisma/seed.ts, by RUN body, so that their ClaveÚnica names match. */
const knownPeople: Record<string, { nombres: string[]; apellidos: string[]; email: string }> = {
  '15234561': { nombres: ['Carolina'], apellidos: ['Fuentes', 'Rojas'], email: 'cfuentes@registrocivil.example.cl' },
  '16345672': { nombres: ['Matías'], apellidos: ['Herrera', 'Soto'], email: 'mherrera@registrocivil.example.cl' },
  '17456783': { nombres: ['Valentina'], apellidos: ['Muñoz', 'Araya'], email: 'vmunoz@registrocivil.example.cl' },
  '13567894': { nombres: ['Jorge'], apellidos: ['Castillo', 'Vega'], email: 'jcastillo@munivallenar.example.cl' },
  '18678905': { nombres: ['Daniela'], apellidos: ['Pizarro', 'Tapia'], email: 'dpizarro@munivallenar.example.cl' },
  '14789016': { nombres: ['Felipe'], apellidos: ['Contreras', 'Olivares'], email: 'fcontreras@munivallenar.example.cl' },
  '12890127': { nombres: ['Andrea'], apellidos: ['Morales', 'Díaz'], email: 'amorales@ips.example.cl' },
  '19901238': { nombres: ['Rodrigo'], apellidos: ['Silva', 'Campos'], email: 'rsilva@ips.example.cl' },
  '16012349': { nombres: ['Camila'], apellidos: ['Reyes', 'Navarro'], email: 'creyes@digital.example.gob.cl' },
  '11123450': { nombres: ['Sebastián'], apellidos: ['Vargas', 'Lagos'], email: 'svargas@digital.example.gob.cl' },
  '10234568': { nombres: ['Patricia'], apellidos: ['Núñez', 'Espinoza'], email: 'pnunez@contraloria.example.cl' },
  '20345679': { nombres: ['Juan'], apellidos: ['Pérez', 'González'], email: 'juan.perez@example.cl' },
}

/** The claims ClaveÚnica asserts for a RUN ("12345678-5", the account id and `sub`). */
function claimsFor(run: string) {
  const [body, dv] = run.split('-') as [string, string]
  const known = knownPeople[body]
  return {
    sub: run,
    RolUnico: { numero: Number(body), DV: dv, tipo: 'RUN' },
    name: known ? { nombres: known.nombres, apellidos: known.apellidos } : { nombres: ['Persona'], apellidos: ['de', 'Prueba'] },
    email: known?.email ?? `persona.${body}@prueba.example.cl`,
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
      Grant: { new (init: { accountId: string; clientId: string }): Grant; find(id: string): Promise<Grant | undefined> }
    }
  }
  type: string
  status: number
  body: string
}
type Interaction = { uid: string; prompt: { name: string }; params: Record<string, unknown> }
type OidcProvider = {
  on(event: 'grant.error', listener: (ctx: unknown, error: { error_description?: string; error_detail?: string }) => void): void
  callback(): (req: IncomingMessage, res: ServerResponse) => void
  interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<Interaction>
  interactionFinished(req: IncomingMessage, res: ServerResponse, result: object, options?: { mergeWithLastSubmission?: boolean }): Promise<void>
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
      // What Auth.js sends when the provider does not say otherwise.
      token_endpoint_auth_method: 'client_secret_basic',
    },
  ],
  jwks: { keys: [signingKey] },
  scopes: ['openid', 'run', 'name', 'email'],
  claims: { openid: ['sub'], run: ['RolUnico'], name: ['name'], email: ['email'] },
  // Like ClaveÚnica: the scoped claims are in the ID token, not only at the userinfo endpoint.
  conformIdTokenClaims: false,
  pkce: { required: () => true },
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
  console.warn(`oidc-server: token request refused: ${error.error_description ?? 'error'}${error.error_detail ? ` (${error.error_detail})` : ''}`)
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
    return send(res, 400, page('ClaveÚnica — Error', '<h1>La sesión de ingreso expiró</h1><p role="alert">Vuelve a intentarlo desde el portal.</p>'))
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
  return provider.interactionFinished(req, res, { login: { accountId: run, remember: false } }, { mergeWithLastSubmission: false })
}

const oidcCallback = provider.callback()
const interactionPath = /^\/interaction\/([\w-]+)(?:\/(login|abort))?$/

const server = createServer((req, res) => {
  const match = interactionPath.exec(new URL(req.url ?? '/', issuer).pathname)
  if (!match) return oidcCallback(req, res)
  handleInteraction(req, res, match[1]!, match[2]).catch((error: unknown) => {
    console.error('oidc-server: interaction failed', error)
    if (!res.headersSent) send(res, 500, page('ClaveÚnica — Error', '<h1>Error interno</h1>'))
  })
})

server.listen(port, '127.0.0.1', () => {
  console.log(`ClaveÚnica de prueba en ${issuer} (cliente ${client.id}; p. ej. RUN ${formatRut(`15234561-${checkDigit('15234561')}`)})`)
})

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    server.close()
    server.closeAllConnections()
    process.exit(0)
  })
}
