import { expect, people, test } from './support/fixtures'
import { mailbox } from './support/mailbox'

/**
 * A click never waits on the mail server: with an SMTP server that takes 5 s to accept each message,
 * a meeting request answers as fast as with none, and the DGD reviewer's mail still arrives afterwards.
 */
test('a meeting request answers at once when the mail server is slow, and the mail still arrives', async ({
  page,
  signInAs,
}) => {
  test.setTimeout(90_000)
  await mailbox.clear()
  await signInAs(people.ctdIps)
  await page.goto('/connections/new')
  const service = page.getByLabel('Servicio del proveedor')
  await service.selectOption(
    await service.locator('option', { hasText: 'Certificado de defunción' }).first().getAttribute('value'),
  )
  await page
    .getByLabel('Necesidades')
    .fill('Acreditar el fallecimiento del pensionado sin pedir certificados en papel.')
  await page.getByLabel('Fecha 1').fill('2026-12-15')

  await mailbox.delay(5_000)
  try {
    const started = Date.now()
    await page.getByRole('button', { name: 'Enviar solicitud' }).click()
    await expect(page.getByRole('heading', { level: 1, name: /Caso N° \d+/ })).toBeVisible()
    // Waiting on the mail server would take at least 5 s.
    expect(Date.now() - started).toBeLessThan(4_000)

    const toReviewer = async () =>
      (await mailbox.all()).filter((mail) => mail.to.includes('creyes@digital.example.gob.cl'))
    await expect.poll(async () => (await toReviewer()).length, { timeout: 30_000 }).toBe(1)
  } finally {
    await mailbox.delay(0)
  }
})
