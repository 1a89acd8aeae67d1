import { expect, people, signInAs, signOut, test } from './support/fixtures'

test('a designation is in the audit log for the auditor, with who did it and the record after', async ({ page }) => {
  await signInAs(page, people.ctdVallenar)
  await page.getByRole('navigation', { name: 'Navegación principal' }).getByRole('link', { name: 'Miembros' }).click()
  await page.getByLabel('RUN').fill('9.876.543-3')
  await page.getByLabel('Nombre completo').fill('Rocío Tapia Fuentes')
  await page.getByRole('button', { name: 'Designar' }).click()
  await expect(page.getByRole('status')).toContainText('Rocío Tapia Fuentes fue designado/a')
  await signOut(page)

  await signInAs(page, people.auditor)
  await page.goto('/audit?action=membership.create')
  const row = page
    .getByRole('table', { name: /Eventos de auditoría/ })
    .getByRole('row', { name: /Jorge Castillo Vega/ })
    .first()
  await expect(row).toContainText('Designación de miembro')
  await expect(row).toContainText('Municipalidad de Vallenar')
  // The record as people name it, linked to its page, never a raw id.
  const target = row.getByRole('link', { name: /^Designación de Rocío Tapia Fuentes como .+ en .*Vallenar$/ })
  await expect(target).toHaveAttribute('href', /^\/institutions\/[^/]+\/members$/)
  await expect(row).not.toContainText('Membership')
  await row.getByText('Ver cambios').click()
  await expect(row).toContainText('"run": "9876543-3"')
})
