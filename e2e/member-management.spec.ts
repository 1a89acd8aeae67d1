import { expect, people, reenableAccount, signInAs, signInWithClaveUnica, test } from './support/fixtures'

test.describe('member management', () => {
  test('a CTD designates an administrator, sees a clear refusal for a bad RUN, and ends the designation', async ({
    page,
    signInAs,
  }) => {
    await signInAs(people.ctdRegistroCivil)
    await page.getByRole('navigation', { name: 'Navegación principal' }).getByRole('link', { name: 'Miembros' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Administrar miembros' })).toBeVisible()

    // A wrong check digit: refused with a message on the field, and what was typed is kept.
    await page.getByLabel('RUN').fill('12.345.678-9')
    await page.getByLabel('Nombre completo').fill('Ignacio Bravo Leiva')
    await page.getByLabel('Rol', { exact: true }).selectOption({ label: 'Administrador/a de negocio' })
    await page.getByRole('button', { name: 'Designar' }).click()
    await expect(page.getByText('El RUN no es válido: revisa el dígito verificador.')).toBeVisible()
    await expect(page.getByLabel('RUN')).toHaveAttribute('aria-invalid', 'true')
    await expect(page.getByLabel('Nombre completo')).toHaveValue('Ignacio Bravo Leiva')

    await page.getByLabel('RUN').fill('12.345.678-5')
    await page.getByRole('button', { name: 'Designar' }).click()
    await expect(page.getByRole('status')).toHaveText(
      'Ignacio Bravo Leiva fue designado/a como Administrador/a de negocio.',
    )
    const current = page.getByRole('table', { name: 'Miembros vigentes' })
    await expect(current.getByRole('row', { name: /Ignacio Bravo Leiva/ })).toContainText('12.345.678-5')

    await page
      .getByRole('button', { name: 'Terminar designación de Ignacio Bravo Leiva como Administrador/a de negocio' })
      .click()
    await expect(current.getByRole('row', { name: /Ignacio Bravo Leiva/ })).toHaveCount(0)
  })

  test("designating another institution's person by RUN shows the name typed, never their own name or e-mail", async ({
    page,
    signInAs,
  }) => {
    await signInAs(people.ctdVallenar)
    await page.getByRole('navigation', { name: 'Navegación principal' }).getByRole('link', { name: 'Miembros' }).click()
    const current = page.getByRole('table', { name: 'Miembros vigentes' })
    // The action column is announced as what it holds, not as a second "Estado".
    await expect(current.getByRole('columnheader', { name: 'Acciones' })).toHaveCount(1)
    await expect(current.getByRole('columnheader', { name: 'Estado' })).toHaveCount(1)

    // Ignacio Soto Paredes is SII's business administrator (seed), registered with his e-mail.
    await page.getByLabel('RUN').fill('15.890.123-4')
    await page.getByLabel('Nombre completo').fill('Nombre Escrito Aquí')
    await page.getByLabel('Correo electrónico institucional').fill('atacante@example.com')
    await page.getByLabel('Rol', { exact: true }).selectOption({ label: 'Administrador/a de negocio' })
    await page.getByRole('button', { name: 'Designar' }).click()
    await expect(page.getByRole('status')).toContainText('Nombre Escrito Aquí fue designado/a')
    const row = current.getByRole('row', { name: /Nombre Escrito Aquí/ })
    await expect(row).toContainText('15.890.123-4')
    await expect(row).toContainText('No visible: lo define la persona')
    await expect(page.getByText('Ignacio Soto Paredes')).toHaveCount(0)
    await expect(page.getByText('isoto@sii.example.cl')).toHaveCount(0)
    await expect(page.getByText('atacante@example.com')).toHaveCount(0)

    await page
      .getByRole('button', { name: 'Terminar designación de Nombre Escrito Aquí como Administrador/a de negocio' })
      .click()
    await expect(row).toHaveCount(0)
  })

  test("a CTD cannot open another institution's member management", async ({ page, signInAs }) => {
    await signInAs(people.ctdVallenar)
    await page.goto('/institutions?q=registro+civil')
    await page.getByRole('link', { name: 'Servicio de Registro Civil e Identificación' }).click()
    await expect(
      page.getByRole('heading', { level: 1, name: 'Servicio de Registro Civil e Identificación' }),
    ).toBeVisible()
    await expect(page.getByRole('link', { name: 'Administrar miembros' })).toHaveCount(0)

    const response = await page.goto(`${page.url()}/members`)
    expect(response?.status()).toBe(403)
    await expect(page.getByRole('heading', { name: 'Acceso denegado' })).toBeVisible()
  })

  test('the server action refuses a CTD who points it at another institution', async ({ page, signInAs }) => {
    // Find both institutions' ids the way the CTD sees them in the portal.
    await signInAs(people.ctdVallenar)
    await page.getByRole('navigation', { name: 'Navegación principal' }).getByRole('link', { name: 'Miembros' }).click()
    await page.waitForURL(/\/members$/)
    const ownId = page.url().match(/institutions\/([^/]+)\/members/)![1]!
    await page.goto('/institutions?q=registro+civil')
    await page.getByRole('link', { name: 'Servicio de Registro Civil e Identificación' }).click()
    await page.waitForURL(/\/institutions\/[^/?]+$/)
    const otherId = page.url().match(/institutions\/([^/?]+)/)![1]!

    // Submit the form on the CTD's own page, with the bound institution swapped for the other one.
    await page.goto(`/institutions/${ownId}/members`)
    await page.route(`**/institutions/${ownId}/members`, async (route) => {
      const request = route.request()
      if (request.method() !== 'POST') return route.continue()
      await route.continue({ postData: (request.postData() ?? '').replaceAll(ownId, otherId) })
    })
    await page.getByLabel('RUN').fill('11.111.111-1')
    await page.getByLabel('Nombre completo').fill('Persona Intrusa')
    await page.getByRole('button', { name: 'Designar' }).click()
    await expect(
      page.getByRole('alert').filter({ hasText: 'No tienes permiso para realizar esta acción.' }),
    ).toBeVisible()
    await page.unrouteAll()

    // Nothing changed at the other institution.
    await page.goto(`/institutions/${otherId}`)
    await expect(page.getByText('Persona Intrusa')).toHaveCount(0)
  })
})

test('DGD disables an account: the person is signed out everywhere and cannot sign in again', async ({
  page,
  browser,
}) => {
  const theirs = await browser.newContext()
  const theirPage = await theirs.newPage()
  await signInAs(theirPage, people.techIps)

  await signInAs(page, people.dgdReviewer)
  await page.goto('/institutions?q=IPS')
  await page.getByRole('link', { name: 'Instituto de Previsión Social' }).click()
  await page.getByRole('link', { name: 'Administrar miembros' }).click()
  await page.getByRole('button', { name: 'Deshabilitar cuenta de Rodrigo Silva Campos' }).click()
  await expect(page.getByText('¿Deshabilitar la cuenta de Rodrigo Silva Campos?')).toBeVisible()
  await page.getByRole('button', { name: 'Sí, deshabilitar' }).click()
  await expect(
    page.getByRole('table', { name: 'Miembros vigentes' }).getByRole('row', { name: /Rodrigo Silva Campos/ }),
  ).toContainText('Cuenta deshabilitada')

  await theirPage.reload()
  await expect(theirPage).toHaveURL(/\/login$/)
  await signInWithClaveUnica(theirPage, '19901238')
  await expect(theirPage).toHaveURL(/\/login\?error=disabled/)
  await expect(
    theirPage
      .getByRole('alert')
      .filter({ hasText: 'Tu cuenta está deshabilitada. Contacta al equipo de Interoperabilidad de la DGD.' }),
  ).toBeVisible()
  await expect(theirPage.getByTestId('viewer-name')).toHaveCount(0)
  await theirs.close()
  // Later specs sign in as IPS's technical administrator.
  await reenableAccount(people.techIps)
})
