import type { Download, Page } from '@playwright/test'
import { expect, people, signInAs, signOut, test } from './support/fixtures'

/**
 * The traceability registry with the demo seed's three weeks of records (prisma/seed-traces.ts):
 * Vallenar's nodes calling SRCeI's services, SRCeI's production node reporting its side, IPS's
 * development node, and a few exchanges without a grant.
 */

async function csvOf(download: Download): Promise<string[][]> {
  const text = await (
    await download.createReadStream()
  )
    .toArray()
    .then((chunks) => Buffer.concat(chunks).toString('utf8'))
  return text
    .replace(/^\uFEFF/, '')
    .trim()
    .split(/\r?\n/)
    .map((line) => line.split(','))
}

async function exportCsv(page: Page) {
  const download = page.waitForEvent('download')
  await page.getByRole('link', { name: 'Descargar CSV' }).click()
  const file = await download
  expect(file.suggestedFilename()).toBe('trazabilidad.csv')
  return csvOf(file)
}

const table = (page: Page) => page.getByRole('table', { name: 'Registro de trazabilidad' })

/** The record ids of the rows shown, in order (each row links to its record's page). */
async function shownIds(page: Page): Promise<string[]> {
  const hrefs = await table(page)
    .locator('tbody tr a')
    .evaluateAll((links) => links.map((a) => a.getAttribute('href')))
  return hrefs.map((h) => h!.replace('/traces/', ''))
}

test('an institution searches its records, opens one with both parties’ reports, and exports the filtered view', async ({
  page,
}) => {
  await signInAs(page, people.ctdVallenar)
  await page
    .getByRole('navigation', { name: 'Navegación principal' })
    .getByRole('link', { name: 'Trazabilidad' })
    .click()
  await expect(page.getByRole('heading', { level: 1, name: 'Registro de trazabilidad' })).toBeVisible()
  await expect(page.getByText('Los intercambios de los que Vallenar es parte')).toBeVisible()

  await page.getByLabel('Código de servicio').fill('SRCEI-CERT-DEFUNCION')
  await page.getByLabel('Resultado').selectOption({ label: 'Error del proveedor' })
  await page.getByRole('button', { name: 'Buscar' }).click()
  await expect(page).toHaveURL(/service=SRCEI-CERT-DEFUNCION/)
  const rows = table(page).locator('tbody tr')
  await expect(rows.first()).toBeVisible()
  const count = await rows.count()
  expect(count).toBeGreaterThan(1)
  for (let i = 0; i < count; i++) {
    await expect(rows.nth(i)).toContainText('SRCEI-CERT-DEFUNCION')
    await expect(rows.nth(i)).toContainText('Error del proveedor')
  }
  const ids = await shownIds(page)

  // The CSV holds the same view: the same records in the same order, and nothing outside the filters.
  const [header, ...lines] = await exportCsv(page)
  const column = (name: string) => header!.indexOf(name)
  expect(lines.length).toBeGreaterThanOrEqual(ids.length)
  expect(lines.slice(0, ids.length).map((l) => l[column('id')])).toEqual(ids)
  for (const line of lines) {
    expect(line[column('servicio')]).toBe('SRCEI-CERT-DEFUNCION')
    expect(line[column('resultado')]).toBe('SERVER_ERROR')
  }

  // A production exchange: Vallenar's node and SRCeI's node each reported it.
  // (the development node's exchanges have SRCeI's side missing: SRCeI runs no development node).
  await table(page)
    .locator('tbody tr a', { hasText: /^demo-p-/ })
    .first()
    .click()
  await expect(page.getByRole('heading', { level: 1, name: /^Intercambio demo-p-\d+$/ })).toBeVisible()
  const consumerSide = page.getByRole('region', { name: 'Informe de Vallenar' })
  const providerSide = page.getByRole('region', { name: 'Informe de SRCeI' })
  for (const side of [consumerSide, providerSide]) {
    await expect(side).toContainText('SRCEI-CERT-DEFUNCION')
    await expect(side).toContainText('Error del proveedor')
    await expect(side).not.toContainText('no ha informado')
  }
})

test('an auditor sees every institution’s records and verifies the chain', async ({ page }) => {
  await signInAs(page, people.auditor)
  await page.goto('/traces')
  await expect(page.getByText('Cada intercambio de la red informado por los nodos de sus partes.')).toBeVisible()
  // Development traffic of IPS and production traffic of Vallenar, both in the auditor's view.
  await page.getByLabel('Código de servicio').fill('SRCEI-VIGENCIA-CEDULA')
  await page.getByRole('button', { name: 'Buscar' }).click()
  await expect(table(page).locator('tbody tr', { hasText: 'IPS' }).first()).toBeVisible()
  await expect(table(page).locator('tbody tr', { hasText: 'Vallenar' }).first()).toBeVisible()
  // Exchanges outside any grant are flagged and can be listed on their own.
  await page.goto('/traces?grant=none')
  await expect(table(page).locator('tbody tr').first()).toContainText('Sin autorización vigente')

  await page.goto('/traces/verify')
  await page.getByRole('button', { name: 'Verificar ahora' }).click()
  await expect(page.getByText(/^Los [\d.]+ registros de [\d.]+ lotes verifican\./)).toBeVisible()
})

test('a person of another institution can neither open a record it is not party to nor export it', async ({ page }) => {
  await signInAs(page, people.auditor)
  await page.goto('/traces?service=SRCEI-CERT-DEFUNCION')
  const [id] = await shownIds(page)
  const traceId = (await table(page).locator('tbody tr a').first().textContent())!.trim()
  await signOut(page)

  await signInAs(page, people.ctdIps)
  const response = await page.goto(`/traces/${id}`)
  expect(response?.status()).toBe(404)
  await expect(page.getByText(traceId)).toHaveCount(0)

  await page.goto(`/traces?traceId=${traceId}`)
  await expect(page.getByText('No hay registros con estos filtros.')).toBeVisible()
  const [, ...lines] = await exportCsv(page)
  expect(lines).toEqual([])
  // Its whole registry: only the exchanges IPS is party to.
  await page.goto('/traces')
  const [header, ...all] = await exportCsv(page)
  expect(all.length).toBeGreaterThan(0)
  for (const line of all) expect(line[header!.indexOf('servicio')]).toBe('SRCEI-VIGENCIA-CEDULA')
  expect(all.map((l) => l[header!.indexOf('id_traza')])).not.toContain(traceId)
})
