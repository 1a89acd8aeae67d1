/** Where the end-to-end tests run the portal and the stand-in ClaveÚnica, and how they are wired. */
const portalPort = Number(process.env.E2E_PORT ?? 3100)
const oidcPort = Number(process.env.E2E_OIDC_PORT ?? 3101)
// localhost, not 127.0.0.1: Next.js rewrites loopback IPs to "localhost" in request URLs
// (nextauthjs/next-auth#12321), which would split the OIDC redirect_uri and the cookies across two origins.
const baseURL = `http://localhost:${portalPort}`
const oidcOrigin = `http://127.0.0.1:${oidcPort}`
// ClaveÚnica's layout: the issuer under /openid, the logout URL beside it.
const oidcIssuer = `${oidcOrigin}/openid`
const claveUnicaLogoutUrl = `${oidcOrigin}/api/v1/accounts/app/logout`
const logoutRedirectUri = `${baseURL}/login`
const client = { id: 'portal-pisee-e2e', secret: 'e2e-secret-not-for-production' }
const smtpPort = Number(process.env.E2E_SMTP_PORT ?? 3102)
const mailboxPort = Number(process.env.E2E_MAILBOX_PORT ?? 3103)
const dbPort = Number(process.env.E2E_DB_PORT ?? 54339)
// A second portal, in demo mode and without ClaveÚnica, started by the demo-mode spec itself.
const demoPort = Number(process.env.E2E_DEMO_PORT ?? portalPort + 4)
const demoBaseURL = `http://localhost:${demoPort}`
const authSecret = 'e2e-auth-secret-0123456789abcdef0123456789'
// A second replica of the suite's portal on the same database, the round-robin proxy in front of
// both, and a replica that the shutdown spec stops (e2e/replicas.spec.ts, e2e/shutdown.spec.ts).
const replicaPort = portalPort + 5
const proxyPort = portalPort + 6
const shutdownPort = portalPort + 7
const metricsToken = 'e2e-metrics-token-0123456789abcdef'
/** Every portal process of the run writes its log here; e2e/z-log-secrets.spec.ts reads them all. */
const logDir = `/tmp/pisee-e2e-logs-${portalPort}`

export const E2E = {
  baseURL,
  oidcOrigin,
  oidcIssuer,
  claveUnicaLogoutUrl,
  logoutRedirectUri,
  client,
  /** The portal's embedded database (scripts/db/embedded.ts): the fixtures open sessions in it. */
  databaseUrl: `postgresql://postgres:postgres@127.0.0.1:${dbPort}/postgres?sslmode=disable`,
  mailboxUrl: `http://127.0.0.1:${mailboxPort}`,
  mailServerEnv: { E2E_SMTP_PORT: String(smtpPort), E2E_MAILBOX_PORT: String(mailboxPort) },
  oidcServerEnv: {
    OIDC_PORT: String(oidcPort),
    OIDC_ISSUER: oidcIssuer,
    OIDC_CLIENT_ID: client.id,
    OIDC_CLIENT_SECRET: client.secret,
    OIDC_REDIRECT_URI: `${baseURL}/api/auth/callback/claveunica`,
    OIDC_LOGOUT_REDIRECT_URI: logoutRedirectUri,
  },
  replicaPort,
  proxyURL: `http://localhost:${proxyPort}`,
  proxyPort,
  shutdownPort,
  metricsToken,
  logDir,
  portalEnv: {
    PORT: String(portalPort),
    METRICS_TOKEN: metricsToken,
    EMBEDDED_DATA_DIR: 'memory',
    EMBEDDED_DB_PORT: String(dbPort),
    // Asked for, and refused: ClaveÚnica is configured (e2e/demo-mode.spec.ts checks that).
    DEMO_MODE: 'true',
    AUTH_SECRET: authSecret,
    AUTH_URL: baseURL,
    CLAVEUNICA_ISSUER: oidcIssuer,
    CLAVEUNICA_CLIENT_ID: client.id,
    CLAVEUNICA_CLIENT_SECRET: client.secret,
    CLAVEUNICA_ENVIRONMENT: 'sandbox',
    CLAVEUNICA_LOGOUT_URL: claveUnicaLogoutUrl,
    CLAVEUNICA_LOGOUT_REDIRECT_URI: logoutRedirectUri,
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
  },
  demoBaseURL,
  demoPortalEnv: {
    PORT: String(demoPort),
    EMBEDDED_DATA_DIR: 'memory',
    EMBEDDED_DB_PORT: String(dbPort + 1),
    DEMO_MODE: 'true',
    AUTH_SECRET: authSecret,
    AUTH_URL: demoBaseURL,
  },
}
