import { expect, people, test } from './support/fixtures'

test.describe('institutions registry', () => {
  test.beforeEach(async ({ signInAs }) => {
    await signInAs(people.dgdReviewer)
  })

  test('search without accents, filter, sort and page — all kept in the URL and across a reload', async ({ page }) => {
    await page.goto('/institutions')
    const table = page.getByRole('table', { name: 'Registro de instituciones' })
    await expect(page.getByText(/Mostrando 1–20 de 417 resultados/)).toBeVisible()

    // Accent-insensitive search: "valparaiso" finds "Valparaíso".
    await page.getByRole('searchbox', { name: 'Buscar' }).fill('valparaiso')
    await expect(page).toHaveURL(/q=valparaiso/)
    await expect(table.getByRole('link', { name: 'Municipalidad de Valparaíso' })).toBeVisible()
    await expect(table.getByRole('link', { name: 'Gobierno Regional de Valparaíso' })).toBeVisible()

    // Filter by group: only group B remains.
    await page
      .getByRole('group', { name: 'Búsqueda y filtros' })
      .getByRole('button', { name: /^Grupo/ })
      .click()
    await page.getByRole('checkbox', { name: 'Grupo B' }).check()
    await expect(page).toHaveURL(/group=B/)
    await page.keyboard.press('Escape')
    await expect(table.getByRole('link', { name: 'Municipalidad de Valparaíso' })).toBeVisible()
    await expect(table.getByRole('link', { name: 'Delegación Presidencial Regional de Valparaíso' })).toHaveCount(0)

    // The view survives a reload.
    await page.reload()
    await expect(page.getByRole('searchbox', { name: 'Buscar' })).toHaveValue('valparaiso')
    await expect(table.getByRole('link', { name: 'Municipalidad de Valparaíso' })).toBeVisible()
    await expect(table.getByRole('link', { name: 'Delegación Presidencial Regional de Valparaíso' })).toHaveCount(0)
  })

  test('sorts by a column and pages through the results', async ({ page }) => {
    await page.goto('/institutions?kind=MUNICIPALIDAD')
    const table = page.getByRole('table', { name: 'Registro de instituciones' })
    await expect(page.getByText(/de 345 resultados/)).toBeVisible()
    await expect(table.getByRole('row').nth(1)).toContainText('Municipalidad de Algarrobo')

    // Sorting is a link (server-rendered list): the view is a URL.
    await table.getByRole('link', { name: 'Nombre' }).click()
    await expect(page).toHaveURL(/sort=-name/)
    await expect(table.getByRole('columnheader', { name: 'Nombre' })).toHaveAttribute('aria-sort', 'descending')
    await expect(table.getByRole('row').nth(1)).toContainText('Municipalidad de Zapallar')

    await page.getByRole('link', { name: 'Página siguiente' }).click()
    await expect(page).toHaveURL(/page=2/)
    await expect(page.getByText('Página 2 de 18')).toBeVisible()
    await page.reload()
    await expect(page.getByText('Página 2 de 18')).toBeVisible()
    await expect(table.getByRole('columnheader', { name: 'Nombre' })).toHaveAttribute('aria-sort', 'descending')
  })

  test('a search typed right after ticking a filter keeps both, and the page size starts again from page 1', async ({
    page,
  }) => {
    await page.goto('/institutions?page=3')
    const table = page.getByRole('table', { name: 'Registro de instituciones' })
    await page
      .getByRole('group', { name: 'Búsqueda y filtros' })
      .getByRole('button', { name: /^Grupo/ })
      .click()
    await page.getByRole('checkbox', { name: 'Grupo B' }).check()
    await page.keyboard.press('Escape')
    // Before the filtered rows arrive: Enter sends the search at once, without the typing debounce.
    await page.getByRole('searchbox', { name: 'Buscar' }).fill('valparaiso')
    await page.getByRole('searchbox', { name: 'Buscar' }).press('Enter')
    await expect(page).toHaveURL(/group=B/)
    await expect(page).toHaveURL(/q=valparaiso/)
    await expect(page).not.toHaveURL(/page=/)
    await expect(table.getByRole('link', { name: 'Municipalidad de Valparaíso' })).toBeVisible()
    await expect(table.getByRole('link', { name: 'Delegación Presidencial Regional de Valparaíso' })).toHaveCount(0)

    await page.goto('/institutions?page=2')
    await page.getByLabel('Filas por página').selectOption('50')
    await expect(page).toHaveURL(/perPage=50/)
    await expect(page).not.toHaveURL(/page=2/)
    await expect(page.getByText(/Mostrando 1–50 de 417 resultados/)).toBeVisible()
    await expect(page.getByRole('link', { name: 'Página anterior' })).toHaveAttribute('aria-disabled', 'true')
  })

  test('opens an institution with its members and roles', async ({ page }) => {
    await page.goto('/institutions?q=registro+civil')
    await page.getByRole('link', { name: 'Servicio de Registro Civil e Identificación' }).click()
    await expect(
      page.getByRole('heading', { level: 1, name: 'Servicio de Registro Civil e Identificación' }),
    ).toBeVisible()
    const members = page.getByRole('table', { name: 'Miembros y roles' })
    await expect(members.getByRole('row', { name: /Carolina Fuentes Rojas/ })).toContainText(
      'Coordinador/a de Transformación Digital (CTD)',
    )
    await expect(members.getByRole('row', { name: /Matías Herrera Soto/ })).toContainText('Administrador/a técnico/a')
  })

  test('exports the current view as CSV', async ({ page }) => {
    await page.goto('/institutions?q=valparaiso&group=B')
    const download = page.waitForEvent('download')
    await page.getByRole('link', { name: 'Exportar CSV' }).click()
    const file = await download
    expect(file.suggestedFilename()).toBe('instituciones.csv')
    const text = await (
      await file.createReadStream()
    )
      .toArray()
      .then((chunks) => Buffer.concat(chunks).toString('utf8'))
    expect(text).toContain('Municipalidad de Valparaíso')
    expect(text).not.toContain('Delegación Presidencial')
  })
})
