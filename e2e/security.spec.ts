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

/** IPS's development node (seed): its first case, and its credentials and the audit events about them. */
async function ipsDevNode() {
  const [node] = await query<{ id: string; caseId: string; institutionId: string }>(
    `SELECT n.id, g."caseId", n."institutionId" FROM "Node" n JOIN "Institution" i ON i.id = n."institutionId"
     JOIN "AccessGrant" g ON g."nodeId" = n.id
     WHERE i."shortName" = 'IPS' AND n.environment = 'DEVELOPMENT' AND n."revokedAt" IS NULL
     ORDER BY g."grantedAt" LIMIT 1`,
  )
  const [counted] = await query<{ credentials: string; events: string }>(
    `SELECT (SELECT count(*) FROM "NodeCredential" WHERE "nodeId" = $1) AS credentials,
            (SELECT count(*) FROM "AuditEvent" WHERE action LIKE 'node.credential.%' AND "institutionId" = $2) AS events`,
    [node!.id, node!.institutionId],
  )
  return { ...node!, credentials: Number(counted?.credentials), events: Number(counted?.events) }
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
    await signInAs(page, people.techIps)
    await page.goto('/institutions?q=IPS')
    await page.getByRole('link', { name: 'Instituto de Previsión Social' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Instituto de Previsión Social' })).toBeVisible()
    // A client component: it reacts only once the page has hydrated.
    const devNode = page.getByTestId('node-nodo-desarrollo-1')
    await devNode.getByRole('button', { name: 'Rotar credencial' }).click()
    await expect(devNode.getByRole('button', { name: 'Sí, emitir' })).toBeVisible()
    await devNode.getByRole('button', { name: 'Cancelar' }).click()
    await page.goto('/notifications')
    expect(violations).toEqual([])
  })

  test('a node credential is issued only on a confirmed POST, shown once, never on a GET', async ({ page }) => {
    await signInAs(page, people.techIps)
    const before = await ipsDevNode()

    // The old per-case configuration download is gone: a GET or a POST there changes nothing.
    expect((await page.request.get(`/connections/${before.caseId}/node-config`)).status()).toBe(404)
    expect(await ipsDevNode()).toEqual(before)

    // The technical administrator confirms the rotation, naming the node and the grace period.
    await page.goto(`/institutions/${before.institutionId}#nodes`)
    const devNode = page.getByTestId('node-nodo-desarrollo-1')
    await devNode.getByRole('button', { name: 'Rotar credencial' }).click()
    await devNode.getByLabel(/Período de gracia/).fill('2')
    await expect(devNode.getByText('la actual dejará de funcionar en 2 horas')).toBeVisible()
    await devNode.getByRole('button', { name: 'Sí, emitir' }).click()
    await expect(devNode.getByTestId('node-token')).toHaveValue(/^pisee_dev_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/)
    const after = await ipsDevNode()
    expect(after.credentials).toBe(before.credentials + 1)
    expect(after.events).toBe(before.events + 1)
    // Shown once: the page, loaded again, lists the credentials without any token.
    await page.reload()
    await expect(page.getByTestId('node-token')).toHaveCount(0)
    await expect(page.getByText(/pisee_dev_/)).toHaveCount(0)
  })

  test('DGD revokes a grant only after confirming, and the button names the node', async ({ page }) => {
    await signInAs(page, people.dgdReviewer)
    const node = await ipsDevNode()
    await page.goto(`/connections/${node.caseId}`)
    const revoke = page.getByRole('button', { name: 'Revocar el acceso de desarrollo (nodo-desarrollo-1)' })
    await revoke.click()
    await expect(
      page.getByText('¿Revocar el acceso del nodo nodo-desarrollo-1 (desarrollo) a este servicio?'),
    ).toBeVisible()
    await page.getByRole('button', { name: 'Cancelar' }).click()
    await expect(revoke).toBeVisible()
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
