import { readFile } from 'node:fs/promises'
import { expect, people, signInAs, test } from './support/fixtures'

/** A tiny PDF, as a scanned decree would arrive: the portal checks its first bytes, not its name. */
function tinyPdf(text: string): Buffer {
  const stream = `BT /F1 12 Tf 56 780 Td (${text}) Tj ET`
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
  ]
  let pdf = '%PDF-1.4\n'
  const offsets = objects.map((object, i) => {
    const offset = pdf.length
    pdf += `${i + 1} 0 obj\n${object}\nendobj\n`
    return offset
  })
  const xref = pdf.length
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  return Buffer.from(pdf, 'latin1')
}

const isoDate = (daysFromToday: number) => {
  const date = new Date(Date.now() + daysFromToday * 86_400_000)
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Santiago' }).format(date)
}

const navigation = 'Navegación principal'
const pdfName = 'convenio-vallenar-e2e.pdf'
const workshopTitle = 'Taller de provisión PISEE 2 (e2e)'

test('DGD records Vallenar’s convenio and training; Vallenar sees itself ready and downloads the PDF; no one else can', async ({
  page,
  browser,
}) => {
  // ── DGD reviewer: the convenio, as in its approving decrees (seeds/002) ──
  await signInAs(page, people.dgdReviewer)
  await page.goto('/institutions?q=vallenar')
  await page.getByRole('link', { name: 'Municipalidad de Vallenar' }).click()
  await page.waitForURL(/\/institutions\/[^/?]+$/)
  const vallenarPath = new URL(page.url()).pathname
  await page.getByRole('link', { name: 'Registrar convenio y documentos' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Convenio de cooperación' })).toBeVisible()

  // A missing decree number is refused on its field, and nothing typed is lost.
  await page.getByLabel('Fecha de suscripción').fill('2023-03-17')
  await page.getByLabel('Decreto de SEGPRES (número)').fill('')
  await page.getByLabel('Fecha del decreto de SEGPRES').fill('2023-04-17')
  await page.getByLabel('Decreto de la institución (número)').fill('Decreto Exento N° 02142')
  await page.getByLabel('Fecha del decreto de la institución').fill('2023-06-15')
  await page.getByRole('button', { name: 'Guardar convenio' }).click()
  await expect(page.getByLabel('Decreto de SEGPRES (número)')).toHaveAttribute('aria-invalid', 'true')
  await expect(page.getByText('Completa este campo.')).toBeVisible()
  await expect(page.getByLabel('Decreto de la institución (número)')).toHaveValue('Decreto Exento N° 02142')

  await page.getByLabel('Decreto de SEGPRES (número)').fill('Decreto Exento N° 015')
  await page.getByRole('button', { name: 'Guardar convenio' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Convenio guardado.' })).toBeVisible()
  const recorded = page.getByRole('region', { name: 'Lo registrado' })
  await expect(recorded).toContainText('15-06-2023 (la fecha del último decreto aprobatorio)')
  await expect(recorded).toContainText('Disponibilidad 24x7; incidentes críticos resueltos en un máximo de 2 horas.')

  // Its PDF: a file that only pretends to be one is refused by its content; the real one is kept.
  const file = page.getByLabel('Archivo PDF')
  await file.setInputFiles({
    name: 'convenio.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('<html>no soy un PDF</html>'),
  })
  await page.getByRole('button', { name: 'Subir documento' }).click()
  await expect(page.getByRole('alert').filter({ hasText: 'El archivo debe ser un PDF de hasta 10 MB.' })).toBeVisible()
  await file.setInputFiles({
    name: pdfName,
    mimeType: 'application/pdf',
    buffer: tinyPdf('Convenio SEGPRES - Vallenar'),
  })
  await page.getByRole('button', { name: 'Subir documento' }).click()
  await expect(page.getByRole('status').filter({ hasText: `Se subió «${pdfName}».` })).toBeVisible()
  await expect(recorded.getByRole('link', { name: `Descargar ${pdfName}` })).toBeVisible()

  // A termination notice must leave at least 30 days.
  await page.getByLabel('Quién da aviso').selectOption({ label: 'SEGPRES' })
  await page.getByLabel('Fecha de término').fill(isoDate(10))
  await page.getByRole('button', { name: 'Registrar aviso de término' }).click()
  await expect(
    page.getByRole('alert').filter({ hasText: 'con al menos 30 días de anticipación (fecha más temprana:' }),
  ).toBeVisible()
  await expect(page.getByLabel('Quién da aviso')).toHaveValue('SEGPRES')
  await expect(recorded).toContainText('Indefinido')

  // With enough notice it is recorded, with who gave it and who recorded it; the convenio stays in force until then.
  await page.getByLabel('Fecha de término').fill(isoDate(45))
  await page.getByRole('button', { name: 'Registrar aviso de término' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Aviso de término registrado.' })).toBeVisible()
  await expect(recorded).toContainText('Lo dio SEGPRES. Aviso registrado por Camila Reyes Navarro el')
  await expect(recorded).toContainText(/Aviso de término del \d{2}-\d{2}-\d{4}; termina el \d{2}-\d{2}-\d{4}\./)

  // ── DGD reviewer: a provision workshop, and who from Vallenar attended ──
  await page.getByRole('navigation', { name: navigation }).getByRole('link', { name: 'Capacitaciones' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Capacitaciones' })).toBeVisible()
  await page.getByRole('combobox', { name: 'Tipo' }).selectOption({ label: 'Provisión' })
  await page.getByLabel('Nombre del taller').fill(workshopTitle)
  await page.getByLabel('Fecha', { exact: true }).fill(isoDate(-1))
  await page.getByRole('button', { name: 'Crear taller' }).click()
  await expect(page.getByRole('heading', { level: 1, name: workshopTitle })).toBeVisible()
  await expect(page.getByRole('status')).toHaveText('Taller creado. Registra ahora a quienes asistieron.')

  await page.getByLabel('RUN').fill('13.567.894-5')
  await page.getByRole('button', { name: 'Registrar asistencia' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Asistencia registrada.' })).toBeVisible()
  const attendees = page.getByRole('table', { name: 'Asistentes' })
  await expect(attendees.getByRole('row', { name: /Jorge Castillo Vega/ })).toContainText('Municipalidad de Vallenar')
  await page.getByLabel('RUN').fill('13.567.894-5')
  await page.getByRole('button', { name: 'Registrar asistencia' }).click()
  await expect(
    page.getByRole('alert').filter({ hasText: 'Esta persona ya figura como asistente de este taller.' }),
  ).toBeVisible()
  await expect(page.getByLabel('RUN')).toHaveValue('13.567.894-5')

  // The list finds it, without accents.
  await page.goto('/trainings?q=provision+e2e')
  await expect(
    page
      .getByRole('table', { name: 'Talleres de capacitación' })
      .getByRole('row', { name: new RegExp(workshopTitle.replace(/[()]/g, '\\$&')) }),
  ).toContainText('1')

  // ── Vallenar's CTD: ready at a glance, and the PDF downloads ──
  const vallenar = await browser.newContext()
  const ctd = await vallenar.newPage()
  await signInAs(ctd, people.ctdVallenar)
  await ctd.getByRole('navigation', { name: navigation }).getByRole('link', { name: 'Mi institución' }).click()
  await expect(ctd).toHaveURL(new RegExp(`${vallenarPath}$`))
  const readiness = ctd.getByRole('list', { name: 'Preparación para PISEE 2' })
  const item = (name: string) => readiness.getByRole('listitem').filter({ hasText: name })
  await expect(item('Convenio de cooperación con SEGPRES vigente')).toContainText('✓')
  await expect(item('Convenio de cooperación con SEGPRES vigente')).toContainText('Cumplido')
  // The notice given above leaves it in force until its termination date.
  const terminatesOn = isoDate(45).split('-').reverse().join('-')
  await expect(item('Convenio de cooperación con SEGPRES vigente')).toContainText(
    `Vigente; se dio aviso de término y termina el ${terminatesOn}.`,
  )
  await expect(item('Taller de provisión asistido')).toContainText('Cumplido')
  await expect(item('Taller de provisión asistido')).toContainText(`Jorge Castillo Vega asistió a «${workshopTitle}»`)
  await expect(item('Taller de consumo asistido')).toContainText('Cumplido')
  await expect(ctd.getByRole('link', { name: 'Registrar convenio y documentos' })).toHaveCount(0)

  const link = ctd.getByRole('link', { name: `Descargar ${pdfName}` })
  const documentPath = (await link.getAttribute('href'))!
  const [download] = await Promise.all([ctd.waitForEvent('download'), link.click()])
  expect(download.suggestedFilename()).toBe(pdfName)
  expect((await readFile((await download.path())!)).subarray(0, 5).toString('latin1')).toBe('%PDF-')
  await vallenar.close()

  // ── Another institution's CTD: no readiness panel, and the download is refused ──
  const registroCivil = await browser.newContext()
  const other = await registroCivil.newPage()
  await signInAs(other, people.ctdRegistroCivil)
  await other.goto(vallenarPath)
  await expect(other.getByRole('heading', { level: 1, name: 'Municipalidad de Vallenar' })).toBeVisible()
  await expect(other.getByRole('heading', { name: 'Preparación para PISEE 2' })).toHaveCount(0)
  expect((await other.request.get(documentPath)).status()).toBe(403)
  expect((await other.goto(`${vallenarPath}/readiness`))?.status()).toBe(403)
  await registroCivil.close()
})
