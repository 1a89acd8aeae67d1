import { expect, people, test } from './support/fixtures'

/**
 * The demo reads like a real onboarding: each agreement cites a procedure that fits its service, and
 * each case's history is spread over weeks, so the timeline's "N días después" mean something.
 */
test("the demo's cases took weeks, and their agreements cite procedures that fit their services", async ({
  page,
  signInAs,
}) => {
  await signInAs(people.dgdReviewer)
  await page.goto('/connections?q=defuncion')
  await page
    .getByRole('link', { name: /Caso N° \d+|^\d+$/ })
    .first()
    .click()
  await expect(page.getByText('Certificado de defunción (SRCEI-CERT-DEFUNCION)')).toBeVisible()
  await expect(page.getByText('CPAT-MUN-0521 Solicitud de sepultación en cementerio municipal')).toBeVisible()
  // The agreement is under a termination notice: the case page says when it ends.
  await expect(page.getByText(/Termina el \d{2}-\d{2}-\d{4} \(aviso de término\)/)).toBeVisible()
  // Service levels come with their labels, as in the agreement's PDF.
  await expect(page.getByText(/Disponibilidad: 99,5 % mensual\s+Tiempo de respuesta: 2 segundos/)).toBeVisible()

  const times = await page
    .locator('time[datetime]')
    .evaluateAll((nodes) => nodes.map((n) => Date.parse(n.getAttribute('datetime')!)))
  expect(times.length).toBeGreaterThanOrEqual(10)
  const weeks = (Math.max(...times) - Math.min(...times)) / (7 * 86_400_000)
  expect(weeks).toBeGreaterThan(6)
  // No two steps at once, and most steps days apart.
  expect(new Set(times).size).toBe(times.length)
  await expect(page.getByText(/\d+ días después/).first()).toBeVisible()
  expect(await page.getByText(/\d+ días? después/).count()).toBeGreaterThanOrEqual(8)

  // The agreement's own page says the same.
  await page.getByRole('link', { name: 'Descargar el acuerdo (PDF generado por el portal)' }).waitFor()
  const caseUrl = page.url()
  await page.goto('/agreements?q=sepultacion')
  await page.getByRole('link', { name: 'Certificado de defunción' }).click()
  await expect(page.getByText(/Termina el \d{2}-\d{2}-\d{4} \(aviso de término\)/)).toBeVisible()
  await expect(page.getByText('Indefinida')).toHaveCount(0)
  expect(caseUrl).toContain('/connections/')

  // IPS asks for birth certificates for family allowances, not for a commercial licence.
  await page.goto('/agreements?q=asignacion familiar')
  await expect(page.getByRole('row').filter({ hasText: 'Certificado de nacimiento' })).toHaveCount(1)
  await page.goto('/agreements?q=patente comercial')
  await expect(page.getByRole('row').filter({ hasText: 'Consulta de inicio de actividades' })).toHaveCount(1)
  await expect(page.getByRole('row').filter({ hasText: 'Certificado' })).toHaveCount(0)
})
