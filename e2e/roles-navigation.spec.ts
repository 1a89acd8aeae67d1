import { expect, people, test } from './support/fixtures'

test.describe('each role sees its own navigation', () => {
  test('a CTD sees their institution and its member management, not the audit log', async ({ page, signInAs }) => {
    await signInAs(people.ctdRegistroCivil)
    const nav = page.getByRole('navigation', { name: 'Navegación principal' })
    await expect(nav.getByRole('link')).toHaveText([
      'Inicio',
      'Conexiones',
      'Acuerdos',
      'Catálogo',
      'Instituciones',
      'Mi institución',
      'Miembros',
      'Trazabilidad',
    ])
    await expect(page.getByTestId('viewer-context')).toHaveText('CTD · SRCeI')
    await expect(page.getByTestId('viewer-roles')).toContainText(
      'Coordinador/a de Transformación Digital (CTD) en Servicio de Registro Civil e Identificación',
    )
    await expect(page.getByRole('heading', { name: 'Tu trabajo pendiente' })).toBeVisible()
  })

  test('a DGD reviewer sees the registry, the trainings and the audit log', async ({ page, signInAs }) => {
    await signInAs(people.dgdReviewer)
    const nav = page.getByRole('navigation', { name: 'Navegación principal' })
    await expect(nav.getByRole('link')).toHaveText([
      'Inicio',
      'Conexiones',
      'Acuerdos',
      'Catálogo',
      'Instituciones',
      'Capacitaciones',
      'Nodos',
      'Registro de auditoría',
      'Trazabilidad',
    ])
    await expect(page.getByTestId('viewer-roles')).toContainText(
      'Equipo de Interoperabilidad DGD — revisor/a — toda la red',
    )
  })

  test('an auditor sees the registry and the audit log, read-only', async ({ page, signInAs }) => {
    await signInAs(people.auditor)
    const nav = page.getByRole('navigation', { name: 'Navegación principal' })
    await expect(nav.getByRole('link')).toHaveText([
      'Inicio',
      'Conexiones',
      'Acuerdos',
      'Catálogo',
      'Instituciones',
      'Nodos',
      'Registro de auditoría',
      'Trazabilidad',
    ])
    await nav.getByRole('link', { name: 'Registro de auditoría' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Registro de auditoría' })).toBeVisible()
  })

  test('a citizen sees the home page and the catalog, and the audit log is refused', async ({ page, signInAs }) => {
    await signInAs(people.citizen)
    const nav = page.getByRole('navigation', { name: 'Navegación principal' })
    await expect(nav.getByRole('link')).toHaveText(['Inicio', 'Catálogo'])
    const response = await page.goto('/audit')
    expect(response?.status()).toBe(403)
    await expect(page.getByRole('heading', { name: 'Acceso denegado' })).toBeVisible()
  })

  test('signed out, portal pages send you to the login page', async ({ page }) => {
    await page.goto('/institutions')
    await expect(page).toHaveURL(/\/login$/)
    await expect(page.getByRole('heading', { name: 'Ingresar al Portal PISEE' })).toBeVisible()
  })
})
