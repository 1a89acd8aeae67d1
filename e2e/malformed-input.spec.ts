import { expect, people, test } from './support/fixtures'

/**
 * Bad input gets a clear answer, never a 500 (issue 7 §2): an id that cannot be one is the 404 page,
 * a post from another site is 403, and a body over the server actions limit is 413.
 */
test('malformed ids, foreign origins and huge bodies get a 4xx, never a 500', async ({ page, signInAs }) => {
  await signInAs(people.dgdReviewer)

  for (const path of [
    '/institutions/%00',
    '/institutions/%E0%A4%A',
    '/institutions/abc%00def/members',
    '/institutions/%00/readiness',
    '/connections/%00',
    '/connections/%0A',
    '/agreements/%E0%A4%A',
    '/trainings/%00',
    '/institutions/%00/readiness/documents/x',
    '/connections/%00/agreement',
    '/agreements/%00/documents/%00',
  ]) {
    expect((await page.request.get(path, { maxRedirects: 0 })).status(), path).toBe(404)
  }
  // 20,000 characters: past what the HTTP server reads (431) or not found; never a 500.
  const long = await page.request.get(`/institutions/${'a'.repeat(20_000)}`, { maxRedirects: 0 })
  expect([404, 414, 431]).toContain(long.status())
  await page.goto('/institutions/%E0%A4%A')
  await expect(page.getByRole('heading', { name: 'Página no encontrada' })).toBeVisible()

  for (const path of ['/institutions?q=%00', '/connections?q=%00', '/agreements?q=%00', '/institutions/export?q=%00']) {
    expect((await page.request.get(path)).status(), path).toBe(200)
  }

  // The per-case node configuration route is gone (nodes are the institutions'): a POST there is a 404.
  const nodeConfig = await page.request.post('/connections/%00/node-config', {
    headers: { Origin: new URL(page.url()).origin },
    maxRedirects: 0,
  })
  expect(nodeConfig.status()).toBe(404)

  // A server action posted from another site: refused before it runs.
  const foreign = await page.request.post('/notifications', {
    headers: { Origin: 'https://evil.example', 'Next-Action': '40deadbeef' },
    multipart: { notificationId: 'x' },
    maxRedirects: 0,
  })
  expect(foreign.status()).toBe(403)

  // 20 MB to a server action: over the limit of next.config.mjs.
  const origin = new URL(page.url()).origin
  const huge = await page.request.post('/notifications', {
    headers: { Origin: origin, 'Next-Action': '40deadbeef' },
    multipart: { file: { name: 'a.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(20 * 1024 * 1024, 0x61) } },
    maxRedirects: 0,
  })
  expect(huge.status()).toBe(413)
})
