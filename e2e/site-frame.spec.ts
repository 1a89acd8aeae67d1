import { expect, people, test } from './support/fixtures'

test('a missing page keeps the portal frame: header, menu and footer when signed in', async ({ page, signInAs }) => {
  await signInAs(people.ctdVallenar)
  const response = await page.goto('/no-existe-esta-pagina')
  expect(response?.status()).toBe(404)
  await expect(page.getByRole('heading', { level: 1, name: 'Página no encontrada' })).toBeVisible()
  await expect(page.getByTestId('viewer-name')).toHaveText(people.ctdVallenar)
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Conexiones' })).toBeVisible()
  await expect(page.getByRole('contentinfo')).toBeVisible()
  await expect(page).toHaveTitle(/Página no encontrada/)
})

test('a record that does not exist and a refused page show their message inside one frame', async ({
  page,
  signInAs,
}) => {
  await signInAs(people.ctdVallenar)
  const missing = await page.goto('/connections/no-existe-este-caso')
  expect(missing?.status()).toBe(404)
  await expect(page.getByRole('heading', { level: 1, name: 'Página no encontrada' })).toBeVisible()
  await expect(page.getByRole('navigation', { name: 'Navegación principal' })).toHaveCount(1)
  await expect(page.getByRole('banner')).toHaveCount(1)
  await expect(page.getByRole('main')).toHaveCount(1)
  await expect(page.getByRole('contentinfo')).toHaveCount(1)

  // The audit log is central staff's: a CTD gets the 403 message, with the menu still there.
  const refused = await page.goto('/audit')
  expect(refused?.status()).toBe(403)
  await expect(page.getByRole('heading', { level: 1, name: 'Acceso denegado' })).toBeVisible()
  await expect(page.getByRole('navigation', { name: 'Navegación principal' })).toHaveCount(1)
  await expect(page.getByTestId('viewer-name')).toHaveText(people.ctdVallenar)
  await expect(page.getByRole('main')).toHaveCount(1)
})

test('a missing page shows the site header to someone signed out', async ({ page }) => {
  const response = await page.goto('/no-existe-esta-pagina')
  expect(response?.status()).toBe(404)
  await expect(page.getByRole('heading', { level: 1, name: 'Página no encontrada' })).toBeVisible()
  await expect(page.getByRole('link', { name: /Portal PISEE/ }).first()).toBeVisible()
  await expect(page.getByRole('contentinfo')).toBeVisible()
})

test('the favicon, icons and a Spanish web manifest are served', async ({ page, request }) => {
  const favicon = await request.get('/favicon.ico')
  expect(favicon.status()).toBe(200)
  expect((await favicon.body()).subarray(0, 4)).toEqual(Buffer.from([0, 0, 1, 0]))

  await page.goto('/login')
  const manifestHref = await page.locator('link[rel="manifest"]').getAttribute('href')
  const manifest = await (await request.get(manifestHref!)).json()
  expect(manifest).toMatchObject({ lang: 'es-CL', short_name: 'Portal PISEE', start_url: '/' })
  for (const icon of manifest.icons as { src: string }[])
    expect((await request.get(icon.src)).status(), icon.src).toBe(200)
  for (const href of await page
    .locator('link[rel="icon"], link[rel="apple-touch-icon"]')
    .evaluateAll((links) => links.map((l) => l.getAttribute('href')!))) {
    expect((await request.get(href)).status(), href).toBe(200)
  }
})
