/**
 * ClaveÚnica login end to end, against a real OpenID Connect provider that behaves like ClaveÚnica
 * (e2e/support/oidc-server.ts): scope `openid run name`, client_secret_post, the RUN and the name
 * from userinfo (POST), the authorization code flow with state, PKCE and nonce, sign-out through
 * ClaveÚnica's logout — and that a tampered, stolen or unverifiable callback signs nobody in.
 */
import { expect, test, type BrowserContext, type Page } from '@playwright/test'
import { checkDigit, formatRut } from '../lib/chile/rut'
import { claveUnica } from './support/claveunica'
import { E2E } from './support/env'

test.afterEach(async () => {
  await claveUnica.reset()
})

/** "15234561" → "15.234.561-5", as a person types it on ClaveÚnica. */
function runOf(body: string): string {
  return formatRut(`${body}-${checkDigit(body)}`)
}

const carolina = { name: 'Carolina Fuentes Rojas', run: runOf('15234561') }

/** From the portal's login page to ClaveÚnica's login form. */
async function goToClaveUnica(page: Page) {
  await page.goto('/login')
  await page.getByRole('button', { name: 'Iniciar sesión con ClaveÚnica' }).click()
  await expect(page).toHaveTitle('ClaveÚnica — Ingreso de prueba')
  expect(new URL(page.url()).origin).toBe(E2E.oidcOrigin)
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
  const loginPost = `${E2E.oidcOrigin}/interaction/*/login`
  let captured: (url: URL) => void
  let failed: (error: unknown) => void
  const callbackUrl = new Promise<URL>((resolve, reject) => ((captured = resolve), (failed = reject)))
  await page.route(loginPost, async (route) => {
    try {
      let response = await route.fetch({ maxRedirects: 0 })
      for (let hop = 0; hop < 5 && response.status() === 303; hop++) {
        const location = new URL(response.headers().location ?? '', response.url())
        if (location.origin !== E2E.oidcOrigin) {
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
async function expectRefused(page: Page, message = 'No fue posible iniciar sesión') {
  await expect(page).toHaveURL(/\/login\?error=/)
  await expect(page.getByRole('alert').filter({ hasText: message })).toBeVisible()
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
    await expect(page.getByRole('button', { name: 'Iniciar sesión con ClaveÚnica' })).toBeVisible()
    await page.goto('/')
    await expect(page).toHaveURL(`${E2E.baseURL}/login`)
  })

  test('the portal talks to ClaveÚnica as its guide says: scope, token request, userinfo, no e-mail', async ({
    page,
  }) => {
    await goToClaveUnica(page)
    const [authorization] = (await claveUnica.seen()).authorizations
    expect(authorization).toEqual({ scope: 'openid run name', codeChallenge: true, nonce: true })

    await submitRun(page, carolina.run)
    await expectSignedInAs(page, carolina.name)
    const seen = await claveUnica.seen()
    expect(seen.tokenRequests).toEqual([
      { authorizationHeader: false, clientSecretInBody: true, state: expect.any(String), codeVerifier: true },
    ])
    expect(seen.tokenRequests[0]!.state).toBeTruthy()
    expect(seen.userinfoRequests).toEqual([{ method: 'POST', bearer: true }])
  })

  test("sign-out goes through ClaveÚnica's logout, which ends the ClaveÚnica session too", async ({ page }) => {
    await goToClaveUnica(page)
    await submitRun(page, carolina.run)
    await expectSignedInAs(page, carolina.name)

    const logout = page.waitForRequest((request) => request.url().startsWith(E2E.claveUnicaLogoutUrl))
    await page.getByRole('button', { name: 'Cerrar sesión' }).click()
    expect(new URL((await logout).url()).searchParams.get('redirect')).toBe(E2E.logoutRedirectUri)
    await expect(page).toHaveURL(`${E2E.baseURL}/login`)
    expect((await claveUnica.seen()).logouts).toEqual([{ redirect: E2E.logoutRedirectUri }])

    // ClaveÚnica forgot this browser: signing in again asks for the RUN again.
    await goToClaveUnica(page)
    await expect(page.getByLabel('RUN')).toBeVisible()
  })

  test('a new sign-in from the same browser ends the session it replaces', async ({ page, browser, context }) => {
    await goToClaveUnica(page)
    await submitRun(page, carolina.run)
    await expectSignedInAs(page, carolina.name)
    const sessionCookie = async () =>
      (await context.cookies(E2E.baseURL)).find((c) => c.name.endsWith('session-token'))!
    const replaced = await sessionCookie()

    // Signing in again while signed in (Auth.js' own sign-in endpoint, as a second tab could).
    const csrf = ((await (await page.request.get('/api/auth/csrf')).json()) as { csrfToken: string }).csrfToken
    const start = await page.request.post('/api/auth/signin/claveunica', {
      form: { csrfToken: csrf, callbackUrl: '/' },
      maxRedirects: 0,
    })
    await page.goto(start.headers().location!)
    await expectSignedInAs(page, carolina.name)
    expect((await sessionCookie()).value).not.toBe(replaced.value)

    const other = await browser.newContext({ baseURL: E2E.baseURL })
    try {
      await other.addCookies([replaced])
      const otherPage = await other.newPage()
      await otherPage.goto('/')
      await expect(otherPage).toHaveURL(`${E2E.baseURL}/login`)
    } finally {
      await other.close()
    }
  })

  test('a ClaveÚnica that ignores PKCE and nonce still signs people in', async ({ page }) => {
    await claveUnica.behave({ ignorePkceAndNonce: true })
    await goToClaveUnica(page)
    await submitRun(page, carolina.run)
    await expectSignedInAs(page, carolina.name)
    // The portal still asked for both.
    expect((await claveUnica.seen()).authorizations).toEqual([
      { scope: 'openid run name', codeChallenge: true, nonce: true },
    ])
  })

  test("an ID token carrying another login's nonce is refused", async ({ page }) => {
    const tampered = 'a-nonce-from-another-login'
    await page.route(
      (url) => url.href.startsWith(`${E2E.oidcIssuer}/authorize/`),
      async (route) => {
        const url = new URL(route.request().url())
        if (url.searchParams.get('nonce') === tampered) return route.continue()
        url.searchParams.set('nonce', tampered)
        await route.fulfill({ status: 302, headers: { location: url.href } })
      },
    )
    await goToClaveUnica(page)
    await page.unrouteAll()
    await submitRun(page, carolina.run)
    await expectRefused(page)
  })

  test('a failing userinfo endpoint signs nobody in', async ({ page }) => {
    await claveUnica.behave({ userinfoFails: true })
    await goToClaveUnica(page)
    await submitRun(page, carolina.run)
    await expectRefused(page)
  })

  test('a RUN failing módulo 11 at userinfo signs nobody in, even for a person signed in before', async ({ page }) => {
    await claveUnica.behave({ runFailsModulo11: true })
    await goToClaveUnica(page)
    await submitRun(page, carolina.run)
    await expectRefused(page, 'No pudimos leer un RUN válido desde ClaveÚnica.')
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
