import { readFileSync } from 'node:fs'
import { expect, people, test } from './support/fixtures'

const catalog = (namespace: string) => JSON.parse(readFileSync(`lib/i18n/messages/es-CL/${namespace}.json`, 'utf8'))

/**
 * Pages carry only the messages their client components use, not the whole catalog: a template the
 * server alone uses (the notice a case step writes) is never serialized into a page.
 */
const serverOnly: string = catalog('connections').notify.body

for (const path of ['/', '/connections', '/institutions?q=muni', '/notifications']) {
  test(`${path} does not ship the whole message catalog to the browser`, async ({ page, signInAs }) => {
    await signInAs(people.dgdHead)
    const response = await page.request.get(path)
    expect(response.status()).toBe(200)
    const html = await response.text()
    expect(html).toContain(people.dgdHead)
    expect(html).not.toContain(serverOnly)
  })
}

test('the login page does not ship the message catalog to the browser', async ({ page }) => {
  const html = await (await page.request.get('/login')).text()
  expect(html).toContain(catalog('login').title)
  expect(html).not.toContain(serverOnly)
})
