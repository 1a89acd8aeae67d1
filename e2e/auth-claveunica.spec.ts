/**
 * ClaveÚnica login end to end, against a real OpenID Connect provider standing in for it
 * (e2e/support/oidc-server.ts): the authorization code flow with PKCE, state and nonce, the claims
 * in the ID token, the person by RUN — and that a tampered, stolen or unverifiable callback signs
 * nobody in.
 */
import { expect, test, type BrowserContext, type Page } from '@playwright/test'
import { checkDigit, formatRut } from '../lib/chile/rut'
import { E2E } from './support/env'

/** "15234561" → "15.234.561-5", as a person types it on ClaveÚnica. */
function runOf(body: string): string {
  return formatRut(`${body}-${checkDigit(body)}`)
}

const carolina = { name: 'Carolina Fuentes Rojas', run: runOf('15234561') }

/** From the portal's login page to ClaveÚnica's login form. */
async function goToClaveUnica(page: Page) {
  await page.goto('/login')
  await page.getByRole('button', { name: 'Ingresar con ClaveÚnica' }).click()
  await expect(page).toHaveTitle('ClaveÚnica — Ingreso de prueba')
  expect(new URL(page.url()).origin).toBe(E2E.oidcIssuer)
}

async function submitRun(page: Page, run: string) {
  await page.getByLabel('RUN').fill(run)
  await page.getByRole('button', { name: 'Continuar' }).click()
}

/**
 * Holds ClaveÚnica's redirect back to the portal: the browser never delivers it, and the test gets
 * the callback URL (code, state, iss) to deliver as is, altered, or from elsewhere.
 *
 * Playwright does not route the requests of a redirect chain (login form POST → 303 /auth/<uid> →
 * 303 portal callback), so the form POST is routed and the chain followed here, by hand, with the
 * browser context's cookies.
 */
async function holdCallback(page: Page): Promise<() => Promise<URL>> {
  const loginPost = `${E2E.oidcIssuer}/interaction/*/login`
  let captured: (url: URL) => void
  let failed: (error: unknown) => void
  const callbackUrl = new Promise<URL>((resolve, reject) => ((captured = resolve), (failed = reject)))
  await page.route(loginPost, async (route) => {
    try {
      let response = await route.fetch({ maxRedirects: 0 })
      for (let hop = 0; hop < 5 && response.status() === 303; hop++) {
        const location = new URL(response.headers().location ?? '', response.url())
        if (location.origin !== E2E.oidcIssuer) {
          captured(location)
          break
        }
        response = await page.request.get(location.href, { maxRedirects: 0 })
      }
      failed(new Error(`ClaveÚnica did not redirect to the portal (HTTP ${response.status()} at ${response.url()})`))
      await route.fulfill({ status: 200, contentType: 'text/plain', body: 'Redirección retenida por la prueba.' })
    } catch (error) {
      failed(error)
      await route.abort()
    }
  })
  return async () => {
    const url = await callbackUrl
    await page.unroute(loginPost)
    expect(url.pathname).toBe('/api/auth/callback/claveunica')
    return url
  }
}

async function pkceCookie(context: BrowserContext) {
  const cookie = (await context.cookies(E2E.baseURL)).find((c) => c.name.endsWith('pkce.code_verifier'))
  expect(cookie, 'Auth.js keeps the PKCE verifier in a cookie').toBeDefined()
  return cookie!
}

async function expectSignedInAs(page: Page, name: string) {
  await expect(page).toHaveURL(`${E2E.baseURL}/`)
  await expect(page.getByTestId('viewer-name')).toHaveText(name)
}

/** The portal refused the callback: back on the login page with an error, and nobody signed in. */
async function expectRefused(page: Page) {
  await expect(page).toHaveURL(/\/login\?error=/)
  await expect(page.getByRole('alert').filter({ hasText: 'No fue posible iniciar sesión' })).toBeVisible()
  await expect(page.getByTestId('viewer-name')).toHaveCount(0)
  await page.goto('/')
  await expect(page).toHaveURL(`${E2E.baseURL}/login`)
}

test.describe('ingreso con ClaveÚnica', () => {
  test('a seeded person signs in with ClaveÚnica, sees their role, and signs out', async ({ page }) => {
    await goToClaveUnica(page)
    await submitRun(page, carolina.run)

    await expectSignedInAs(page, carolina.name)
    await expect(page.getByTestId('viewer-context')).toHaveText('CTD · SRCeI')
    await expect(page.getByRole('heading', { level: 1, name: `Hola, ${carolina.name}` })).toBeVisible()
    await expect(page.getByTestId('viewer-roles')).toContainText(
      'Coordinador/a de Transformación Digital (CTD) en Servicio de Registro Civil e Identificación',
    )

    await page.getByRole('button', { name: 'Cerrar sesión' }).click()
    await expect(page).toHaveURL(`${E2E.baseURL}/login`)
    await expect(page.getByRole('button', { name: 'Ingresar con ClaveÚnica' })).toBeVisible()
    await page.goto('/')
    await expect(page).toHaveURL(`${E2E.baseURL}/login`)
  })

  test('the first login of an unknown RUN creates that person, as a citizen without roles', async ({ page }) => {
    // Unlike the demo RUNs (10–20 million), unknown to the seed; random so that reruns stay first logins.
    const run = runOf(String(25_000_000 + Math.floor(Math.random() * 5_000_000)))
    await goToClaveUnica(page)
    await submitRun(page, run)

    await expectSignedInAs(page, 'Persona de Prueba')
    await expect(page.getByTestId('viewer-context')).toHaveText('Ciudadano/a')
    await expect(
      page.getByText('Ingresaste como persona. Aquí podrás ver y administrar tus autorizaciones de uso de datos.'),
    ).toBeVisible()
    await expect(page.getByTestId('viewer-roles')).toHaveCount(0)
  })

  test('an invalid RUN is not accepted by ClaveÚnica', async ({ page }) => {
    await goToClaveUnica(page)
    const [body, dv] = carolina.run.split('-') as [string, string]
    await submitRun(page, `${body}-${dv === '0' ? '1' : '0'}`)
    await expect(page.getByRole('alert')).toHaveText('El RUN no es válido. Revisa el dígito verificador.')
    await expect(page).toHaveTitle('ClaveÚnica — Ingreso de prueba')
  })

  test('a callback with a tampered state is refused', async ({ page }) => {
    const callback = await holdCallback(page)
    await goToClaveUnica(page)
    await submitRun(page, carolina.run)

    const url = await callback()
    const state = url.searchParams.get('state')
    expect(state, 'Auth.js sends a state').toBeTruthy()
    url.searchParams.set('state', `${state!.slice(0, -6)}${state!.endsWith('AAAAAA') ? 'BBBBBB' : 'AAAAAA'}`)
    await page.goto(url.toString())

    await expectRefused(page)
  })

  test('a callback replayed in another browser is refused; delivered as is, it signs in', async ({ page, browser }) => {
    const callback = await holdCallback(page)
    await goToClaveUnica(page)
    await submitRun(page, carolina.run)
    const url = await callback()

    // Someone else's browser has neither the state nor the PKCE verifier of this login.
    const other = await browser.newContext({ baseURL: E2E.baseURL })
    try {
      const otherPage = await other.newPage()
      await otherPage.goto(url.toString())
      await expectRefused(otherPage)
    } finally {
      await other.close()
    }

    // The held callback was intact: delivered to the browser that started the login, it works…
    await page.goto(url.toString())
    await expectSignedInAs(page, carolina.name)

    // …once: signed out, the same callback again (its state is spent, its code redeemed) signs nobody in.
    await page.getByRole('button', { name: 'Cerrar sesión' }).click()
    await expect(page).toHaveURL(`${E2E.baseURL}/login`)
    await page.goto(url.toString())
    await expectRefused(page)
  })

  test("a callback carrying another login's PKCE verifier is refused by ClaveÚnica", async ({ page, context }) => {
    // A first login attempt, abandoned on ClaveÚnica's page: its (validly sealed) verifier is kept.
    await goToClaveUnica(page)
    const firstVerifier = await pkceCookie(context)

    // A second attempt, finished with the first attempt's verifier: the code_verifier sent to the token
    // endpoint does not match this authorization's code_challenge.
    await goToClaveUnica(page)
    expect((await pkceCookie(context)).value).not.toBe(firstVerifier.value)
    await context.addCookies([firstVerifier])
    await submitRun(page, carolina.run)

    await expectRefused(page)
  })

  test('a callback without its PKCE verifier is refused', async ({ page, context }) => {
    await goToClaveUnica(page)
    await context.clearCookies({ name: /pkce\.code_verifier$/ })
    await submitRun(page, carolina.run)

    await expectRefused(page)
  })
})
