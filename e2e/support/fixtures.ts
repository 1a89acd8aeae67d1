import { createHash, randomBytes } from 'node:crypto'
import { appendFileSync, mkdirSync } from 'node:fs'
import { test as base, expect, type Page } from '@playwright/test'
import pg from 'pg'
import { checkDigit, formatRut } from '../../lib/chile/rut'
import { checkEveryPage } from './axe'
import { E2E } from './env'

/** The seeded demo people (prisma/seed.ts) the journeys sign in as. */
export const people = {
  ctdRegistroCivil: 'Carolina Fuentes Rojas',
  techRegistroCivil: 'Matías Herrera Soto',
  ctdVallenar: 'Jorge Castillo Vega',
  techVallenar: 'Daniela Pizarro Tapia',
  businessVallenar: 'Felipe Contreras Olivares',
  businessRegistroCivil: 'Valentina Muñoz Araya',
  techIps: 'Rodrigo Silva Campos',
  ctdIps: 'Andrea Morales Díaz',
  dgdReviewer: 'Camila Reyes Navarro',
  dgdLead: 'Tomás Riquelme Ortiz',
  dgdHead: 'Sebastián Vargas Lagos',
  auditor: 'Patricia Núñez Espinoza',
  citizen: 'Juan Pérez González',
} as const

export type DemoPerson = (typeof people)[keyof typeof people]

/** The portal's session cookie over plain http (lib/auth/session-cookie.ts). */
const SESSION_COOKIE = 'pisee.session-token'

/** Notes a secret the run created, for e2e/z-log-secrets.spec.ts to look for in every log. */
export function rememberSecret(secret: string) {
  mkdirSync(E2E.logDir, { recursive: true })
  appendFileSync(`${E2E.logDir}/secrets.txt`, `${secret}\n`)
}

/** The session row and cookie token for a seeded person (what signInAs writes). */
export async function openSession(name: DemoPerson): Promise<string> {
  const token = randomBytes(32).toString('base64url')
  rememberSecret(token)
  const client = new pg.Client({ connectionString: E2E.databaseUrl })
  await client.connect()
  try {
    const found = await client.query<{ id: string }>(
      'SELECT id FROM "Person" WHERE name = $1 AND "disabledAt" IS NULL',
      [name],
    )
    expect(found.rows, `one enabled seeded person named ${name}`).toHaveLength(1)
    await client.query('INSERT INTO "Session" (id, "tokenHash", "personId", expires) VALUES ($1, $2, $3, $4)', [
      `e2e-${randomBytes(8).toString('hex')}`,
      createHash('sha256').update(token).digest('hex'),
      found.rows[0]!.id,
      new Date(Date.now() + 60 * 60 * 1000),
    ])
  } finally {
    await client.end()
  }
  return token
}

/**
 * Opens a session for a seeded person the way the portal's sign-in does — a session row holding the
 * SHA-256 of a random token, and the token in the browser's cookie — without going through a sign-in
 * page. The portal under test has ClaveÚnica configured, so demo sign-in is refused there; only the
 * sign-in tests (e2e/auth-claveunica.spec.ts) go through ClaveÚnica.
 */
/**
 * Gives a seeded person back their account after a test disabled it, so the specs after it find the
 * demo data as the seed left it (specs share one database and run in name order).
 */
export async function reenableAccount(name: DemoPerson): Promise<void> {
  const client = new pg.Client({ connectionString: E2E.databaseUrl })
  await client.connect()
  try {
    await client.query('UPDATE "Person" SET "disabledAt" = NULL WHERE name = $1', [name])
  } finally {
    await client.end()
  }
}

export async function signInAs(page: Page, name: DemoPerson, baseURL = E2E.baseURL) {
  const token = await openSession(name)
  await page
    .context()
    .addCookies([{ name: SESSION_COOKIE, value: token, url: baseURL, httpOnly: true, sameSite: 'Lax' }])
  await page.goto(baseURL === E2E.baseURL ? '/' : `${baseURL}/`)
  await expect(page.getByTestId('viewer-name')).toHaveText(name)
}

/**
 * Signs in through the portal's ClaveÚnica button and the suite's stand-in ClaveÚnica
 * (e2e/support/oidc-server.ts), typing the RUN `runBody`-DV. For the tests about sign-in itself.
 */
export async function signInWithClaveUnica(page: Page, runBody: string) {
  await page.goto('/login')
  await page.getByRole('button', { name: 'Iniciar sesión con ClaveÚnica' }).click()
  await expect(page).toHaveTitle('ClaveÚnica — Ingreso de prueba')
  await page.getByLabel('RUN').fill(formatRut(`${runBody}-${checkDigit(runBody)}`))
  await page.getByRole('button', { name: 'Continuar' }).click()
}

export async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Cerrar sesión' }).click()
  await expect(page).toHaveURL(/\/login/)
}

export const test = base.extend<{ signInAs: (name: DemoPerson) => Promise<void>; axe: void }>({
  // Every page a test visits is checked with axe-core (e2e/support/axe.ts).
  axe: [async ({ page }, use, testInfo) => checkEveryPage(page, testInfo, () => use()), { auto: true }],
  signInAs: async ({ page }, use) => {
    await use((name) => signInAs(page, name))
  },
})

export { expect }
