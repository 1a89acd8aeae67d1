import { expect, people, test } from './support/fixtures'

test('a second meeting request for a connection already open is refused, and nothing typed is lost', async ({ page, signInAs }) => {
  await signInAs(people.ctdVallenar)
  await page.goto('/connections/new')
  // The seed's case for Vallenar and the birth certificate is still open (promotion requested).
  const service = page.getByLabel('Servicio del proveedor')
  await service.selectOption(await service.locator('option', { hasText: 'Certificado de nacimiento' }).first().getAttribute('value'))
  await page.getByLabel('Necesidades').fill('Emitir certificados en la ventanilla municipal.')
  await page.getByLabel('Fecha 2').fill('2026-12-10')
  await page.getByRole('button', { name: 'Enviar solicitud' }).click()

  await expect(page.getByRole('alert').filter({ hasText: /Ya hay un caso abierto de esta institución para este servicio \(caso N° \d+\)/ })).toBeVisible()
  await expect(page).toHaveURL(/\/connections\/new$/)
  await expect(page.getByLabel('Necesidades')).toHaveValue('Emitir certificados en la ventanilla municipal.')
  await expect(page.getByLabel('Fecha 1')).toHaveValue('')
  await expect(page.getByLabel('Fecha 2')).toHaveValue('2026-12-10')
  await expect(page.getByLabel('Servicio del proveedor').locator('option:checked')).toHaveText(/Certificado de nacimiento/)
})
