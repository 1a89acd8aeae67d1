import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { promisify } from 'node:util'
import type { Browser, Page } from '@playwright/test'
import { expect, people, rememberSecret, signInAs, test, type DemoPerson } from './support/fixtures'
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

/** Runs one query on the portal's database (for what only time would otherwise do). */
async function query<T extends Record<string, unknown>>(text: string, values: unknown[]): Promise<T[]> {
  const client = new pg.Client({ connectionString: E2E.databaseUrl })
  await client.connect()
  try {
    return (await client.query<T>(text, values)).rows
  } finally {
    await client.end()
  }
}

/** Today's date in Chile plus `days`, as YYYY-MM-DD (an <input type="date"> value). */
function chileDate(days = 0): string {
  const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'America/Santiago' }).format(new Date())
  const date = new Date(`${today}T00:00:00Z`)
  date.setUTCDate(date.getUTCDate() + days)
  return date.toISOString().slice(0, 10)
}

/** Runs the portal's node-access job once, now (`npm run job -- node-access`), on the suite's database. */
async function runNodeAccessJob(): Promise<string> {
  const { stdout } = await promisify(execFile)('npx', ['tsx', 'scripts/run-job.ts', 'node-access'], {
    env: { ...process.env, DATABASE_URL: E2E.databaseUrl, LOG_LEVEL: 'silent' },
    timeout: 90_000,
  })
  return stdout
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
  test.setTimeout(360_000)
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
  rememberSecret(devToken)
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
  rememberSecret(prodToken)
  const institutionUrl = tech.url().replace(/#.*$/, '')
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

  // ── Access follows the agreement. The consumer's business administrator gives notice of
  // termination, at least 30 days ahead; until then the production node keeps the service.
  const agreementId = (
    await query<{ id: string }>(
      'SELECT a.id FROM "Agreement" a JOIN "ConnectionCase" c ON c.id = a."caseId" WHERE c.number = $1',
      [Number(caseNumber)],
    )
  )[0]!.id
  await business.goto(`/agreements/${agreementId}`)
  await business.getByLabel('Fecha de término').fill(chileDate(30))
  await business.getByLabel('Motivo').fill('La municipalidad traspasa el trámite de patentes a otra plataforma.')
  await business.getByRole('button', { name: 'Avisar el término' }).click()
  // The page shows the agreement as it now is: in force until that date, no termination form.
  const terminatesOn = chileDate(30).split('-').reverse().join('-')
  await expect(business.getByText(`Termina el ${terminatesOn} (aviso de término)`)).toBeVisible()
  await expect(business.getByRole('button', { name: 'Avisar el término' })).toHaveCount(0)
  const beforeEnd = await fetchConfiguration({ base: E2E.baseURL, credential: prodToken })
  expect(beforeEnd.configuration.services.map((s) => s.serviceName)).toContain(service)

  // The termination date comes (moved to today here, as if the 30 days had passed): the next signed
  // configuration no longer lists the service, without waiting for any job, and the case says why.
  await query('UPDATE "Agreement" SET "terminatesOn" = $1::date WHERE id = $2', [chileDate(0), agreementId])
  const afterEnd = await fetchConfiguration({ base: E2E.baseURL, credential: prodToken })
  expect(afterEnd.configuration.node.environment).toBe('PRODUCTION')
  expect(afterEnd.configuration.services.map((s) => s.serviceName)).not.toContain(service)
  expect(afterEnd.configuration.version).not.toBe(production.configuration.version)
  await head.goto(caseUrl)
  await expect(head.getByTestId('grant-PRODUCTION').getByTestId('access-stopped')).toContainText(
    'el acuerdo terminó por aviso de término',
  )

  // The scheduled job (hourly in every replica; run once now) records the end and tells both parties'
  // CTDs and business administrators: in their inbox, and by e-mail.
  expect(JSON.parse(await runNodeAccessJob()).result.agreementsTerminated).toBeGreaterThanOrEqual(1)
  const stoppedTitle = `Acceso detenido: caso N° ${caseNumber}`
  await ctd.goto('/notifications')
  await expect(ctd.getByTestId('notification').filter({ hasText: stoppedTitle })).toContainText(
    'el acuerdo terminó por aviso de término',
  )
  const providerCtd = await as(browser, people.ctdRegistroCivil)
  await providerCtd.goto('/notifications')
  await expect(providerCtd.getByTestId('notification').filter({ hasText: stoppedTitle })).toBeVisible()
  // The portal's mail job sends pending notices every minute.
  await expect
    .poll(
      async () =>
        (await mailbox.all())
          .filter((m) => m.subject === stoppedTitle)
          .flatMap((m) => m.to)
          .sort(),
      { timeout: 120_000, intervals: [2_000] },
    )
    .toEqual(
      expect.arrayContaining([
        'jcastillo@munivallenar.example.cl',
        'fcontreras@munivallenar.example.cl',
        'cfuentes@registrocivil.example.cl',
        'vmunoz@registrocivil.example.cl',
      ]),
    )
  // Run again, it changes and tells nothing twice.
  expect(JSON.parse(await runNodeAccessJob()).result.agreementsTerminated).toBe(0)

  // ── DGD revokes the production credential, after a confirmation naming it: refused at once.
  const prodKeyId = prodToken.split('_')[2]!
  expect(
    (await fetch(`${E2E.baseURL}/api/v1/node/configuration`, { headers: { authorization: `Bearer ${prodToken}` } }))
      .status,
  ).toBe(200)
  await head.goto(institutionUrl)
  const credential = head.getByTestId(`credential-${prodKeyId}`)
  await credential.getByRole('button', { name: `Revocar credencial ${prodKeyId} del nodo nodo-produccion-1` }).click()
  await expect(credential).toContainText(`¿Revocar la credencial ${prodKeyId} del nodo nodo-produccion-1?`)
  await credential.getByRole('button', { name: `Sí, revocar ${prodKeyId}` }).click()
  // The page shows the credential as it now is.
  await expect(credential).toContainText('Revocada')
  await expect(credential.getByRole('button', { name: /^Revocar credencial/ })).toHaveCount(0)
  const refused = await fetch(`${E2E.baseURL}/api/v1/node/configuration`, {
    headers: { authorization: `Bearer ${prodToken}` },
  })
  expect(refused.status).toBe(401)
  expect(refused.headers.get('content-type')).toBe('application/problem+json')
  expect(await refused.json()).toMatchObject({ status: 401, detail: 'La credencial del nodo fue revocada.' })
  await expect(runSimulator({ base: E2E.baseURL, credential: prodToken, once: true, log: () => {} })).rejects.toThrow(
    /401/,
  )
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
