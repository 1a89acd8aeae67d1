import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import type { Browser, Page } from '@playwright/test'
import { expect, people, signInAs, test, type DemoPerson } from './support/fixtures'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import pg from 'pg'
import { fetchConfiguration, runSimulator } from '../lib/nodes/simulator'
import { E2E } from './support/env'
import { mailbox } from './support/mailbox'

/** A provider's development endpoint that answers, for the node's connectivity test. */
async function standInProvider(): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((_request, response) => response.writeHead(200).end('{"ok":true}'))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((resolve) => server.close(() => resolve())) }
}

/** Points the seeded service's development endpoint at `url`. */
async function setDevEndpoint(serviceName: string, url: string) {
  const client = new pg.Client({ connectionString: E2E.databaseUrl })
  await client.connect()
  try {
    await client.query('UPDATE "Service" SET "devEndpoint" = $1 WHERE name = $2', [url, serviceName])
  } finally {
    await client.end()
  }
}

/** An instant as a Chilean wall-clock value for <input type="datetime-local">. */
const chileDateTimeInput = (date: Date) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'America/Santiago', dateStyle: 'short', timeStyle: 'short' })
    .format(date)
    .replace(' ', 'T')

/**
 * One new connection, from the meeting request to production credentials, through every role:
 * consumer CTD, consumer business and technical administrators, provider business administrator,
 * DGD reviewer and DGD head — each in their own browser session, each told by e-mail what waits on them.
 */
const service = 'Consulta de datos de identidad por RUN'

async function as(browser: Browser, person: DemoPerson, caseUrl?: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage()
  await signInAs(page, person)
  if (caseUrl) await page.goto(caseUrl)
  return page
}

async function expectSuccess(page: Page, text: string) {
  await expect(page.getByRole('status').filter({ hasText: text })).toBeVisible()
}

test('a connection goes from meeting request to production credentials through every role', async ({ browser }) => {
  test.setTimeout(180_000)
  await mailbox.clear()

  // The consumer's CTD asks for a meeting.
  const ctd = await as(browser, people.ctdVallenar)
  await ctd.getByRole('navigation', { name: 'Navegación principal' }).getByRole('link', { name: 'Conexiones' }).click()
  await ctd.getByRole('link', { name: 'Solicitar reunión' }).click()
  const serviceOption = ctd.getByLabel('Servicio del proveedor').locator('option', { hasText: service })
  await ctd.getByLabel('Servicio del proveedor').selectOption(await serviceOption.first().getAttribute('value'))
  await ctd.getByLabel('Necesidades').fill('Verificar la identidad de quienes solicitan patentes comerciales.')
  await ctd.getByLabel('Fecha 1').fill('2026-12-03')
  await ctd.getByRole('button', { name: 'Enviar solicitud' }).click()
  await expect(ctd.getByRole('heading', { level: 1, name: /Caso N° \d+/ })).toBeVisible()
  const caseUrl = ctd.url().replace(/\?.*$/, '')
  await expect(ctd.getByText('Reunión solicitada').first()).toBeVisible()

  // DGD schedules the meeting, then records it held.
  const reviewer = await as(browser, people.dgdReviewer, caseUrl)
  // An hour ago: a meeting is recorded as held only once its time has come.
  await reviewer.getByLabel('Fecha y hora (hora de Chile)').fill(chileDateTimeInput(new Date(Date.now() - 3_600_000)))
  await reviewer.getByLabel('Enlace de la videollamada').fill('https://meet.example.gob.cl/pisee-vallenar')
  await reviewer.getByRole('button', { name: 'Agendar' }).click()
  await expectSuccess(reviewer, 'Reunión agendada.')
  await reviewer.getByLabel('Notas y acuerdos').fill('Se revisaron los requisitos; Vallenar solicitará el acuerdo.')
  await reviewer.getByRole('button', { name: 'Registrar reunión' }).click()
  await expectSuccess(reviewer, 'Reunión registrada.')

  // The consumer's business administrator requests the agreement.
  const business = await as(browser, people.businessVallenar, caseUrl)
  await business.getByLabel('Trámite que atiende (código CPAT y nombre)').fill('CPAT-2231 Patente comercial')
  await business.getByLabel('Base legal').fill('Ley 19.880, artículo 17 letra c')
  await business.getByLabel('Finalidad').fill('Verificar la identidad del solicitante')
  await business.getByLabel('Datos requeridos').fill('Nombre completo y fecha de nacimiento')
  await business.getByLabel('Volumen esperado').fill('1.500 consultas al mes')
  await business.getByRole('button', { name: 'Solicitar acuerdo' }).click()
  await expectSuccess(business, 'Acuerdo solicitado al proveedor.')

  // The provider's business administrator approves it with service levels.
  const provider = await as(browser, people.businessRegistroCivil, caseUrl)
  await provider.getByLabel('Disponibilidad comprometida').fill('99,5 % mensual')
  await provider.getByLabel('Tiempo de respuesta').fill('2 segundos')
  await provider.getByLabel('Horario de soporte').fill('Lunes a viernes, 9:00 a 18:00')
  await provider.getByRole('button', { name: 'Aprobar acuerdo' }).click()
  await expectSuccess(provider, 'Acuerdo aprobado.')

  // DGD hands over the development node.
  await reviewer.reload()
  await reviewer.getByRole('button', { name: 'Entregar nodo de desarrollo' }).click()
  await expectSuccess(reviewer, 'Nodo de desarrollo entregado.')

  // Both parties sign: the provider the portal's PDF, which it downloads first; the consumer a PDF
  // signed on its side, which it uploads.
  await provider.reload()
  const pdfDownload = provider.waitForEvent('download')
  await provider.getByRole('link', { name: 'Descargar el PDF del acuerdo' }).click()
  const pdf = await readFile((await (await pdfDownload).path())!)
  expect((await pdfDownload).suggestedFilename()).toMatch(/^acuerdo-caso-\d+\.pdf$/)
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-')
  const pdfSha256 = createHash('sha256').update(pdf).digest('hex')
  await expect(provider.getByText(pdfSha256).first()).toBeVisible()
  // The choice is explicit: nothing is signed until the signer says which document it signs.
  await provider.getByRole('button', { name: 'Firmar como Proveedor' }).click()
  await expect(provider.getByText('Elige qué documento firmas: el PDF del portal o uno que subes.')).toBeVisible()
  // A form showing another SHA-256 than the kept PDF's (a stale page) signs nothing.
  await provider.getByRole('radio', { name: 'El PDF del acuerdo que genera el portal' }).check()
  await provider
    .locator('input[name="shownSha256"]')
    .evaluate((input: HTMLInputElement) => (input.value = 'f'.repeat(64)))
  await provider.getByRole('button', { name: 'Firmar como Proveedor' }).click()
  await expect(provider.getByText('El PDF del acuerdo ya no es el que se te mostró.', { exact: false })).toBeVisible()
  await provider.reload()
  await expect(provider.getByText('Proveedor: pendiente', { exact: true })).toBeVisible()
  await provider.getByRole('radio', { name: 'El PDF del acuerdo que genera el portal' }).check()
  await provider.getByRole('button', { name: 'Firmar como Proveedor' }).click()
  await expectSuccess(provider, 'Firma registrada.')
  await expect(provider.getByText(`Firmó el PDF generado por el portal · SHA-256 ${pdfSha256}`)).toBeVisible()

  await business.reload()
  // The consumer is served the same document, byte for byte, as a PDF attachment.
  const served = await business.request.get(`${caseUrl}/agreement`)
  expect(served.headers()['content-type']).toBe('application/pdf')
  expect(served.headers()['content-disposition']).toMatch(/^attachment; filename="acuerdo-caso-\d+\.pdf"$/)
  expect(
    createHash('sha256')
      .update(await served.body())
      .digest('hex'),
  ).toBe(pdfSha256)
  const signedByConsumer = Buffer.from(
    '%PDF-1.7\n% Acuerdo firmado electrónicamente por la Municipalidad de Vallenar\n%%EOF\n',
  )
  await business.getByRole('radio', { name: 'El acuerdo firmado por mi institución, que subo como PDF' }).check()
  await business.getByLabel('PDF firmado', { exact: true }).setInputFiles({
    name: 'acuerdo-firmado-vallenar.pdf',
    mimeType: 'application/pdf',
    buffer: signedByConsumer,
  })
  await business.getByRole('button', { name: 'Firmar como Consumidor' }).click()
  await expectSuccess(business, 'Firma registrada.')
  await expect(business.getByText('Vigente').first()).toBeVisible()
  const uploadedSha256 = createHash('sha256').update(signedByConsumer).digest('hex')
  await expect(
    business.getByText(`Firmó el PDF que subió (guardado con el acuerdo) · SHA-256 ${uploadedSha256}`),
  ).toBeVisible()

  // The technical administrator is pointed from the case to the institution's nodes, where the
  // development node's credential is issued (or rotated) and shown once; then records a passing test.
  const tech = await as(browser, people.techVallenar, caseUrl)
  await tech.getByRole('link', { name: 'la página de tu institución' }).click()
  const devNode = tech.getByTestId('node-nodo-desarrollo-1')
  await devNode.getByRole('button', { name: /^(Emitir|Rotar) credencial$/ }).click()
  await devNode.getByRole('button', { name: 'Sí, emitir' }).click()
  await expect(devNode.getByTestId('node-token')).toHaveValue(/^pisee_dev_[0-9a-f]{16}_/)
  const devToken = await devNode.getByTestId('node-token').inputValue()
  await tech.goto(caseUrl)
  // Run just now: after the node was delivered (a test dated before it, or in the future, is refused).
  await tech.getByLabel('Fecha y hora de la prueba').fill(chileDateTimeInput(new Date()))
  await tech.getByLabel('Destino probado').fill('Ambiente de desarrollo SRCeI')
  await tech.getByLabel('Latencia (ms)').fill('180')
  await tech.getByRole('button', { name: 'Registrar prueba' }).click()
  await expectSuccess(tech, 'Prueba registrada.')
  // A test typed in is only declared: the checklist still waits for the node's own.
  await expect(tech.getByText('Registrada a mano: no cuenta para el paso a producción.')).toBeVisible()
  await ctd.reload()
  await expect(
    ctd.getByTestId('promotion-checklist').getByRole('listitem').filter({ hasText: 'Prueba de conectividad' }),
  ).toContainText('Pendiente')

  // The node itself (the simulator, as `npm run node:simulate -- --credential … --once`) fetches and
  // verifies its signed configuration, sends a heartbeat and tests the provider's development endpoint
  // — a stand-in provider here — and reports the result.
  const standIn = await standInProvider()
  try {
    await setDevEndpoint(service, standIn.url)
    const [round] = await runSimulator({ base: E2E.baseURL, credential: devToken, once: true, log: () => {} })
    expect(round!.configuration.services.map((s) => s.serviceName)).toContain(service)
    // The consumer's development node also serves its other seeded connections; this case's service answers.
    expect(round!.tests).toEqual(
      expect.arrayContaining([expect.objectContaining({ outcome: 'PASSED', endpoint: standIn.url })]),
    )
  } finally {
    await standIn.close()
  }
  await tech.reload()
  await expect(tech.getByText('Informada por el nodo').first()).toBeVisible()

  // The CTD requests production: the checklist is met.
  await ctd.reload()
  await expect(ctd.getByTestId('promotion-checklist').getByText('Pendiente')).toHaveCount(0)
  await ctd.getByRole('button', { name: 'Solicitar paso a producción' }).click()
  await expectSuccess(ctd, 'Paso a producción solicitado.')

  // DGD reviewer, then DGD head, approve; the head sees no secret, and the case as it now is.
  await reviewer.reload()
  await reviewer.getByRole('button', { name: 'Aprobar revisión' }).click()
  await expectSuccess(reviewer, 'Revisión aprobada')
  const head = await as(browser, people.dgdHead, caseUrl)
  // The head decides on the request and the checklist, shown on the approval step itself.
  const review = head.getByTestId('promotion-review')
  await expect(review).toContainText('Solicitada por Jorge Castillo Vega el')
  await expect(review).toContainText('Revisión aprobada por Camila Reyes Navarro el')
  for (const item of [
    'Prueba de conectividad exitosa en los últimos 30 días',
    'Capacitación de consumo asistida',
    'Convenio de cooperación con SEGPRES vigente',
  ]) {
    await expect(review.getByRole('listitem').filter({ hasText: item })).toContainText('Cumplido')
  }
  await head.getByRole('button', { name: 'Aprobar paso a producción' }).click()
  await expectSuccess(head, 'Paso a producción aprobado')
  await expect(head.getByText('Conectado').first()).toBeVisible()
  await expect(head.getByText(/pisee_prod_/)).toHaveCount(0)
  await expect(head.getByTestId('grant-PRODUCTION')).toContainText('nodo-produccion-1')

  // The technical administrator, not the head, issues the production credential, shown once.
  await tech.goto(caseUrl)
  await tech.getByRole('link', { name: 'la página de tu institución' }).click()
  const prodNode = tech.getByTestId('node-nodo-produccion-1')
  await prodNode.getByRole('button', { name: /^(Emitir|Rotar) credencial$/ }).click()
  await prodNode.getByRole('button', { name: 'Sí, emitir' }).click()
  await expect(prodNode.getByTestId('node-token')).toHaveValue(/^pisee_prod_[0-9a-f]{16}_/)
  const prodToken = await prodNode.getByTestId('node-token').inputValue()
  // With it, the production node's signed configuration lists the new service.
  const production = await fetchConfiguration({ base: E2E.baseURL, credential: prodToken })
  expect(production.configuration.node.environment).toBe('PRODUCTION')
  expect(production.configuration.services.map((s) => s.serviceName)).toContain(service)
  await prodNode.getByRole('button', { name: 'Listo, ya la copié' }).click()
  await expect(prodNode.getByTestId('node-token')).toHaveCount(0)

  // Everyone who had to act was told by e-mail.
  const mails = await mailbox.all()
  const casePath = new URL(caseUrl).pathname
  const caseNumber = (await head.getByRole('heading', { level: 1 }).textContent())!.match(/Caso N° (\d+)/)![1]
  // Each person's mails about this case, by subject; each links to the case.
  const subjectsTo = (address: string) => {
    const theirs = mails.filter((m) => m.to.includes(address) && m.subject.startsWith(`Caso N° ${caseNumber}:`))
    for (const mail of theirs) expect(mail.text, `${address}: ${mail.subject}`).toContain(casePath)
    return theirs.map((m) => m.subject.replace(`Caso N° ${caseNumber}: `, '')).sort()
  }
  expect(subjectsTo('creyes@digital.example.gob.cl')).toEqual([
    'Agendar la reunión',
    'Entregar nodo de desarrollo',
    'Revisión del paso a producción',
  ])
  // The consumer learns that its case is connected; its CTD was told what the checklist still missed.
  expect(subjectsTo('fcontreras@munivallenar.example.cl')).toEqual([
    'Firmar el acuerdo',
    'Solicitar el acuerdo al proveedor',
    'conectado a producción',
  ])
  expect(subjectsTo('vmunoz@registrocivil.example.cl')).toEqual(['Aprobar el acuerdo'])
  expect(subjectsTo('dpizarro@munivallenar.example.cl')).toEqual([
    'Registrar prueba de conectividad',
    'conectado a producción',
  ])
  expect(subjectsTo('jcastillo@munivallenar.example.cl')).toEqual([
    'completar los requisitos del paso a producción',
    'conectado a producción',
  ])
  // In the CTD's inbox, the step done is history ("Ya resuelto"); the news of the connection is pending.
  await ctd.goto('/notifications')
  const notice = (title: string) =>
    ctd.getByTestId('notification').filter({ hasText: `Caso N° ${caseNumber}: ${title}` })
  await expect(notice('completar los requisitos del paso a producción')).toContainText('Ya resuelto')
  await expect(notice('completar los requisitos del paso a producción')).not.toContainText('Sin leer')
  await expect(notice('conectado a producción')).toContainText('Sin leer')
  const blocked = mails.find(
    (m) =>
      m.to.includes('jcastillo@munivallenar.example.cl') &&
      m.subject.endsWith('completar los requisitos del paso a producción'),
  )!
  expect(blocked.text).toContain('Para solicitar el paso a producción falta: ')
  expect(blocked.text).toContain('Prueba de conectividad exitosa en los últimos 30 días')
  expect(subjectsTo('svargas@digital.example.gob.cl')).toEqual(['Aprobación final del paso a producción'])
})

test('an unmet checklist item blocks the promotion request, visibly', async ({ page }) => {
  // IPS is testing a connection but has no convenio de cooperación with SEGPRES (seed).
  await signInAs(page, people.ctdIps)
  await page.goto('/connections?status=DEV_NODE_PROVISIONED')
  await page
    .getByRole('table', { name: 'Casos de conexión' })
    .getByRole('link', { name: /^Caso N°/ })
    .first()
    .click()
  const checklist = page.getByTestId('promotion-checklist')
  const cooperation = checklist.getByRole('listitem').filter({ hasText: 'Convenio de cooperación con SEGPRES vigente' })
  await expect(cooperation).toContainText('Pendiente')
  await expect(cooperation).toContainText('El convenio debe estar firmado y aprobado por decreto de ambas partes.')
  await expect(page.getByRole('alert').filter({ hasText: 'No puedes solicitar el paso a producción' })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Solicitar paso a producción' })).toHaveCount(0)
})
