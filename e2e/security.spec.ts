import pg from 'pg'
import { E2E } from './support/env'
import { expect, people, signInAs, test } from './support/fixtures'

/** The portal's embedded database, to check that a refused or read-only request changed nothing. */
async function query<T>(sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client(
    `postgresql://postgres:postgres@127.0.0.1:${E2E.portalEnv.EMBEDDED_DB_PORT}/postgres?sslmode=disable`,
  )
  await client.connect()
  try {
    return (await client.query(sql, values)).rows as T[]
  } finally {
    await client.end()
  }
}

/** IPS's development node (seed): its case, credential hash and how many downloads the audit log holds. */
async function ipsDevNode() {
  const [node] = await query<{ id: string; caseId: string; credentialHash: string }>(
    `SELECT n.id, n."caseId", n."credentialHash" FROM "Node" n JOIN "Institution" i ON i.id = n."institutionId"
     WHERE i."shortName" = 'IPS' AND n.environment = 'DEVELOPMENT' AND n."revokedAt" IS NULL LIMIT 1`,
  )
  const [counted] = await query<{ count: string }>(
    `SELECT count(*) FROM "AuditEvent" WHERE "targetId" = $1 AND action = 'node.configuration.download'`,
    [node!.id],
  )
  return { ...node!, downloads: Number(counted?.count) }
}

function expectSecurityHeaders(headers: Record<string, string>) {
  const csp = headers['content-security-policy'] ?? ''
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/)
  expect(csp).toContain("frame-ancestors 'none'")
  expect(csp).toContain("object-src 'none'")
  expect(headers['x-content-type-options']).toBe('nosniff')
  expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin')
  expect(headers['permissions-policy']).toContain('camera=()')
}

test.describe('security', () => {
  test('every response carries the security headers: a page, a download and an API route', async ({ page }) => {
    const login = await page.goto('/login')
    expectSecurityHeaders(login!.headers())
    // Served over plain http here: no HSTS. Behind a TLS proxy, it is sent.
    expect(login!.headers()['strict-transport-security']).toBeUndefined()
    const behindTls = await page.request.get('/api/health', { headers: { 'x-forwarded-proto': 'https' } })
    expect(behindTls.headers()['strict-transport-security']).toMatch(/max-age=\d+/)

    const api = await page.request.get('/api/health')
    expectSecurityHeaders(api.headers())

    await signInAs(page, people.dgdReviewer)
    const download = await page.request.get('/institutions/export')
    expect(download.status()).toBe(200)
    expect(download.headers()['content-disposition']).toContain('attachment')
    expectSecurityHeaders(download.headers())

    // A fresh nonce per response.
    const again = await page.request.get('/login')
    expect(again.headers()['content-security-policy']).not.toBe(login!.headers()['content-security-policy'])
  })

  test('pages work under the policy: they hydrate, sign in works, and the browser reports no violation', async ({
    page,
  }) => {
    const violations: string[] = []
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text())
    })
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        console.error(`Refused to load: CSP violation ${event.violatedDirective} ${event.blockedURI}`)
      })
    })
    await signInAs(page, people.ctdIps)
    await page.goto('/institutions?q=IPS')
    await page.getByRole('link', { name: 'Instituto de Previsión Social' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Instituto de Previsión Social' })).toBeVisible()
    const node = await ipsDevNode()
    await page.goto(`/connections/${node.caseId}`)
    // A client component: it reacts only once the page has hydrated.
    await page.getByRole('button', { name: 'Descargar configuración' }).click()
    await expect(page.getByRole('button', { name: 'Sí, emitir credencial y descargar' })).toBeVisible()
    await page.getByRole('button', { name: 'Cancelar' }).click()
    await page.goto('/notifications')
    expect(violations).toEqual([])
  })

  test('the development node configuration changes only on a confirmed POST, never on a GET', async ({ page }) => {
    await signInAs(page, people.ctdIps)
    const before = await ipsDevNode()

    // A GET (a link, a cross-site navigation) answers 405 and changes nothing.
    const get = await page.request.get(`/connections/${before.caseId}/node-config`)
    expect(get.status()).toBe(405)
    expect(get.headers()['content-disposition']).toBeUndefined()
    // A cross-site POST is refused.
    const foreign = await page.request.post(`/connections/${before.caseId}/node-config`, {
      headers: { origin: 'https://atacante.example' },
    })
    expect(foreign.status()).toBe(403)
    expect(await ipsDevNode()).toEqual(before)

    // The person confirms, then downloads: a new credential, one audit event.
    await page.goto(`/connections/${before.caseId}`)
    await page.getByRole('button', { name: 'Descargar configuración' }).click()
    await expect(page.getByText('la credencial anterior deja de funcionar ahora')).toBeVisible()
    const download = page.waitForEvent('download')
    await page.getByRole('button', { name: 'Sí, emitir credencial y descargar' }).click()
    const config = JSON.parse((await (await (await download).createReadStream()).toArray()).join(''))
    expect(config.credential).toMatch(/^pisee_dev_/)
    const after = await ipsDevNode()
    expect(after.credentialHash).not.toBe(before.credentialHash)
    expect(after.downloads).toBe(before.downloads + 1)
  })

  test('DGD revokes a node only after confirming, and the button names the environment', async ({ page }) => {
    await signInAs(page, people.dgdReviewer)
    const node = await ipsDevNode()
    await page.goto(`/connections/${node.caseId}`)
    await page.getByRole('button', { name: 'Revocar el nodo de desarrollo' }).click()
    await expect(
      page.getByText('¿Revocar el nodo de desarrollo? Su credencial deja de funcionar de inmediato'),
    ).toBeVisible()
    await page.getByRole('button', { name: 'Cancelar' }).click()
    await expect(page.getByRole('button', { name: 'Revocar el nodo de desarrollo' })).toBeVisible()
    expect((await ipsDevNode()).id).toBe(node.id)
  })

  test('a chunked convenio upload over the limit is refused with 413 while it streams', async ({ page }) => {
    await signInAs(page, people.dgdReviewer)
    const [institution] = await query<{ id: string }>(`SELECT id FROM "Institution" WHERE "shortName" = 'IPS'`)
    const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ')
    const boundary = 'x-boundary'
    const head = new TextEncoder().encode(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="grande.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n`,
    )
    let sent = 0
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === 0) controller.enqueue(head)
        else if (sent > 24) return controller.close()
        else controller.enqueue(new Uint8Array(1024 * 1024))
        sent++
      },
    })
    const response = await fetch(`${E2E.baseURL}/institutions/${institution!.id}/readiness/documents`, {
      method: 'POST',
      body,
      duplex: 'half',
      headers: {
        cookie,
        accept: 'application/json',
        'content-type': `multipart/form-data; boundary=${boundary}`,
        origin: E2E.baseURL,
      },
    } as RequestInit)
    expect(response.status).toBe(413)
    expect(await response.json()).toMatchObject({ status: 'error' })
  })
})
