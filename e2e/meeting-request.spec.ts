import { expect, people, test } from './support/fixtures'

test('a second meeting request for a connection already open is refused, and nothing typed is lost', async ({
  page,
  signInAs,
}) => {
  await signInAs(people.ctdVallenar)
  await page.goto('/connections/new')
  // The seed's case for Vallenar and the birth certificate is still open (promotion requested).
  const service = page.getByLabel('Servicio del proveedor')
  await service.selectOption(
    await service.locator('option', { hasText: 'Certificado de nacimiento' }).first().getAttribute('value'),
  )
  await page.getByLabel('Necesidades').fill('Emitir certificados en la ventanilla municipal.')
  await page.getByLabel('Fecha 2').fill('2026-12-10')
  await page.getByRole('button', { name: 'Enviar solicitud' }).click()

  await expect(
    page
      .getByRole('alert')
      .filter({ hasText: /Ya hay un caso abierto de esta institución para este servicio \(caso N° \d+\)/ }),
  ).toBeVisible()
  await expect(page).toHaveURL(/\/connections\/new$/)
  await expect(page.getByLabel('Necesidades')).toHaveValue('Emitir certificados en la ventanilla municipal.')
  await expect(page.getByLabel('Fecha 1')).toHaveValue('')
  await expect(page.getByLabel('Fecha 2')).toHaveValue('2026-12-10')
  await expect(page.getByLabel('Servicio del proveedor').locator('option:checked')).toHaveText(
    /Certificado de nacimiento/,
  )
})

test('a CTD is offered only its own institution, no service until it picks one, sees open cases marked, and is told the request was sent', async ({
  page,
  signInAs,
}) => {
  await signInAs(people.ctdVallenar)
  await page.goto('/connections/new')
  const consumer = page.getByLabel('Institución consumidora')
  await expect(consumer.locator('option')).toHaveCount(1)
  await expect(consumer.locator('option')).toHaveText(/Vallenar/)
  const service = page.getByLabel('Servicio del proveedor')
  await expect(service.locator('option:checked')).toHaveText('Selecciona un servicio')
  await expect(service).toHaveAttribute('required', '')
  await expect(service.locator('option', { hasText: 'Certificado de nacimiento' }).first()).toHaveText(
    /\(caso abierto N° \d+\)$/,
  )

  // Sending without a service is answered on the field.
  await page.getByLabel('Necesidades').fill('Consultar el estado previsional de los vecinos.')
  await page.getByLabel('Fecha 1').fill('2026-12-15')
  await page.getByRole('button', { name: 'Enviar solicitud' }).click()
  await expect(page.getByText('Elige el servicio.')).toBeVisible()

  // A service no other journey asks Vallenar for.
  await expect(service.locator('option', { hasText: 'Consulta de inicio de actividades' })).not.toContainText(
    'caso abierto',
  )
  await service.selectOption({ label: 'Consulta de inicio de actividades — SII' })
  await page.getByRole('button', { name: 'Enviar solicitud' }).click()
  await expect(page).toHaveURL(/\/connections\/[^/]+\?done=meetingRequested$/)
  await expect(page.getByRole('status').filter({ hasText: 'Solicitud enviada.' })).toBeVisible()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Caso N° \d+/)
})
