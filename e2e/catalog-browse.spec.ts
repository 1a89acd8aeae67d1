import type { Browser, Page } from '@playwright/test'
import { expect, people, signInAs, test, type DemoPerson } from './support/fixtures'

/**
 * Issue 10's acceptance, from the consumer's side: a technical administrator of another institution
 * finds a seeded service by an unaccented search, filters, opens it, sees its operations, data
 * elements and schemas, and starts the access request from it (their CTD, who speaks for the
 * institution, receives it prepared and sends the meeting request); the CSV export matches the view.
 */
async function as(browser: Browser, person: DemoPerson, url?: string): Promise<Page> {
  const page = await (await browser.newContext({ acceptDownloads: true })).newPage()
  await signInAs(page, person)
  if (url) await page.goto(url)
  return page
}

/** The CSV's rows as arrays of cells (RFC 4180 quoting, comma separated, as lib/csv.ts writes it). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!
    if (quoted && ch === '"' && text[i + 1] === '"') {
      cell += '"'
      i++
    } else if (ch === '"') {
      quoted = !quoted
    } else if (!quoted && ch === ',') {
      row.push(cell)
      cell = ''
    } else if (!quoted && ch === '\n') {
      row.push(cell.replace(/\r$/, ''))
      rows.push(row)
      row = []
      cell = ''
    } else {
      cell += ch
    }
  }
  if (cell || row.length > 0) rows.push([...row, cell])
  return rows
}

test('a technical administrator of another institution finds a service, filters, opens it and starts the access request', async ({
  browser,
}) => {
  test.setTimeout(150_000)
  const tech = await as(browser, people.techVallenar, '/catalog')
  await expect(tech).toHaveURL(/\/catalog\/services/)
  const table = tech.getByRole('table', { name: 'Servicios del catálogo' })

  // Unaccented, partial words: "migratori" finds "Situación migratoria" and "Movimientos migratorios".
  await tech.getByRole('searchbox', { name: 'Buscar' }).fill('migratori')
  await expect(tech).toHaveURL(/q=migratori/)
  await expect(table.getByRole('link', { name: 'Situación migratoria' })).toBeVisible()
  await expect(table.getByRole('link', { name: 'Movimientos migratorios' })).toBeVisible()

  // Filter by provider: only the Migration Service's remains.
  await tech
    .getByRole('group', { name: 'Búsqueda y filtros' })
    .getByRole('button', { name: /^Proveedor/ })
    .click()
  await tech.getByRole('checkbox', { name: /Migraciones/ }).check()
  await expect(tech).toHaveURL(/provider=/)
  await tech.keyboard.press('Escape')
  await expect(table.getByRole('link', { name: 'Movimientos migratorios' })).toHaveCount(0)
  await expect(table.getByRole('link', { name: 'Situación migratoria' })).toBeVisible()

  // The CSV export holds exactly the rows of the filtered view, in its order.
  // Body rows only: the header row's sort links are links too.
  const shown = await table
    .getByRole('row')
    .filter({ has: tech.getByRole('cell').getByRole('link') })
    .allInnerTexts()
  const download = tech.waitForEvent('download')
  await tech.getByRole('link', { name: 'Exportar CSV' }).click()
  const file = await download
  expect(file.url()).toMatch(/q=migratori/)
  expect(file.url()).toMatch(/provider=/)
  const chunks: Buffer[] = []
  for await (const chunk of await file.createReadStream()) chunks.push(chunk as Buffer)
  const [header, ...rows] = parseCsv(
    Buffer.concat(chunks)
      .toString('utf8')
      .replace(/^\uFEFF/, ''),
  ).filter((r) => r.some((c) => c !== ''))
  expect(header!.slice(0, 2)).toEqual(['Código', 'Servicio'])
  expect(rows.map((r) => r[0])).toEqual(['SERMIG-RESIDENCIA'])
  expect(rows.length).toBe(shown.length)
  for (const [i, r] of rows.entries()) expect(shown[i]).toContain(r[1]!)

  // The service's page: its operations, data elements and schemas.
  await table.getByRole('link', { name: 'Situación migratoria' }).click()
  await expect(tech.getByRole('heading', { level: 1, name: 'Situación migratoria' })).toBeVisible()
  const section = (name: string) =>
    tech.locator('section').filter({ has: tech.getByRole('heading', { level: 2, name, exact: true }) })
  await expect(section('Operaciones')).toContainText('GET /extranjeros/{documento}/residencia')
  await expect(section('Datos que expone').getByRole('link', { name: 'Nacionalidad' })).toBeVisible()
  await expect(section('Datos que expone').getByRole('link', { name: 'Situación migratoria' })).toBeVisible()
  await expect(section('Esquemas que usa').getByRole('link', { name: 'Persona natural' })).toBeVisible()

  // "Solicitar acceso": the meeting request is the CTD's; the technical administrator hands it over.
  const access = tech.getByTestId('access-note')
  await expect(access.getByRole('heading', { name: 'Solicitar acceso' })).toBeVisible()
  await expect(access).toContainText(people.ctdVallenar)
  await access.getByLabel('Mensaje para tu CTD (opcional)').fill('Para verificar residencia en el subsidio municipal.')
  await access.getByRole('button', { name: 'Pedir a mi CTD que solicite el acceso' }).click()
  await expect(tech.getByRole('status').filter({ hasText: 'se avisó a 1 CTD de tu institución' })).toBeVisible()
  // Asked twice the same day: refused, nobody told again.
  await access.getByRole('button', { name: 'Pedir a mi CTD que solicite el acceso' }).click()
  await expect(tech.getByText('Ya se lo pediste a tu CTD hoy').first()).toBeVisible()

  // The CTD opens the notice: the meeting request with this service chosen, and sends it.
  const ctd = await as(browser, people.ctdVallenar, '/notifications')
  const notice = ctd
    .getByTestId('notification')
    .filter({ hasText: `${people.techVallenar} pide solicitar acceso a Situación migratoria` })
  await expect(notice).toHaveCount(1)
  await expect(notice).toContainText('Para verificar residencia en el subsidio municipal.')
  await notice.getByRole('button', { name: /^Abrir/ }).click()
  await expect(ctd).toHaveURL(/\/connections\/new\?service=/)
  const service = ctd.getByLabel('Servicio del proveedor')
  await expect(service.locator('option:checked')).toContainText('Situación migratoria')
  await ctd.getByLabel('Necesidades').fill('Verificar la residencia de postulantes extranjeros al subsidio municipal.')
  await ctd.getByLabel('Fecha 1').fill('2026-12-21')
  await ctd.getByRole('button', { name: 'Enviar solicitud' }).click()
  await expect(ctd.getByRole('heading', { level: 1, name: /Caso N° \d+/ })).toBeVisible()
  await expect(ctd.getByText('Situación migratoria').first()).toBeVisible()
})
