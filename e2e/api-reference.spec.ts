import { expect, test } from './support/fixtures'

test('the API reference renders the node API offline, under the CSP, from the portal alone', async ({
  page,
  baseURL,
}) => {
  const outside: string[] = []
  const violations: string[] = []
  page.on('request', (request) => {
    if (!request.url().startsWith(baseURL!) && !request.url().startsWith('data:')) outside.push(request.url())
  })
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text())
  })

  const response = await page.goto('/api/docs')
  expect(response!.headers()['content-security-policy']).toMatch(/script-src 'self' 'nonce-/)
  await expect(page).toHaveTitle('Referencia de la API — Portal PISEE')
  await expect(page.getByRole('heading', { name: 'Portal PISEE — API para máquinas' })).toBeVisible({
    timeout: 30_000,
  })
  await expect(page.getByText('Configuración firmada del nodo').first()).toBeVisible()
  await expect(page.getByText('Latido del nodo').first()).toBeVisible()
  await expect(page.getByText('Informar una prueba de conectividad').first()).toBeVisible()
  await page.screenshot({ path: test.info().outputPath('api-docs.png'), fullPage: false })

  expect(outside).toEqual([])
  expect(violations).toEqual([])

  const document = await (await page.request.get('/api/openapi.json')).json()
  expect(document.openapi).toBe('3.1.0')
  expect(Object.keys(document.paths)).toEqual(
    expect.arrayContaining(['/api/v1/node/configuration', '/api/v1/node/heartbeat', '/api/v1/node/connectivity-tests']),
  )
})
