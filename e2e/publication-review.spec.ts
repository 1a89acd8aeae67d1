import path from 'node:path'
import type { Browser, Page } from '@playwright/test'
import { expect, people, signInAs, test, type DemoPerson } from './support/fixtures'

/**
 * A provider's technical administrator asks for a service to be published with a real OpenAPI file;
 * the DGD head assigns a reviewer, the reviewer writes the internal note, another reviewer approves it
 * as lead and the head approves it: the requester receives the note and the service is in the catalog.
 */
const openapi = path.join(import.meta.dirname, '../test/fixtures/certificado-nacimiento.openapi.yaml')

async function as(browser: Browser, person: DemoPerson, url?: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage()
  await signInAs(page, person)
  if (url) await page.goto(url)
  return page
}

async function expectSuccess(page: Page, text: string) {
  await expect(page.getByRole('status').filter({ hasText: text })).toBeVisible()
}

test('a service is published through the whole review chain by the right people', async ({ browser }) => {
  test.setTimeout(180_000)
  const code = `RC-NAC-${Date.now()}`

  // The provider's technical administrator asks; an invalid file is refused first, with its reason.
  const tech = await as(browser, people.techRegistroCivil, '/catalog/publish?kind=NEW_SERVICE')
  await tech.getByLabel('Código').fill(code)
  await tech.getByLabel('Nombre').fill('Certificado de nacimiento en línea')
  await tech.getByLabel('Descripción').fill('Emite y verifica certificados de nacimiento.')
  await tech.getByLabel('Versión', { exact: true }).fill('1.0.0')
  await tech.getByLabel('Qué cambia en esta versión').fill('Primera versión del servicio.')
  await tech.getByLabel('Nota para la División de Gobierno Digital').fill('Solicitamos publicar este servicio.')
  await tech.getByLabel(/Especificación/).setInputFiles({
    name: 'mala.yaml',
    mimeType: 'text/yaml',
    buffer: Buffer.from('openapi: 3.0.3\ninfo: { title: x }\n'),
  })
  await tech.getByRole('button', { name: 'Enviar solicitud' }).click()
  await expect(tech.getByText(/La especificación no es válida/).first()).toBeVisible()

  await tech.getByLabel(/Especificación/).setInputFiles(openapi)
  await tech.getByRole('button', { name: 'Enviar solicitud' }).click()
  await expect(tech.getByRole('heading', { level: 1, name: /Solicitud N° \d+/ })).toBeVisible()
  await expectSuccess(tech, 'Solicitud enviada a la División de Gobierno Digital')
  const requestUrl = tech.url().replace(/\?.*$/, '')
  await expect(tech.getByTestId('operations')).toContainText('GET /nacimiento/{run}')

  // The DGD head finds it in their work queue and assigns a reviewer.
  const head = await as(browser, people.dgdHead)
  await expect(head.getByTestId('publication-queue')).toContainText(code)
  await head.goto(requestUrl)
  await head.getByLabel('Persona revisora').selectOption({ label: people.dgdReviewer })
  await head.getByRole('button', { name: 'Asignar' }).click()
  await expectSuccess(head, 'Solicitud asignada')

  // The reviewer enables it in development and writes the internal note.
  const reviewer = await as(browser, people.dgdReviewer, requestUrl)
  await reviewer.getByLabel(/Endpoint habilitado/).fill('https://dev.pisee.example.gob.cl/registro-civil/nacimiento')
  await reviewer.getByLabel('Actividades realizadas').fill('Se habilitó en desarrollo y se probaron ambas operaciones.')
  await reviewer.getByLabel(/Recomendaciones/).fill('Publicar en el catálogo.')
  await reviewer.getByRole('button', { name: 'Enviar la nota a aprobación' }).click()
  await expectSuccess(reviewer, 'Nota interna enviada a aprobación')
  // The note's author is not the one to approve it.
  await expect(reviewer.getByRole('button', { name: 'Aprobar la nota' })).toHaveCount(0)

  // The lead approves, then the head.
  const lead = await as(browser, people.dgdLead, requestUrl)
  await lead.getByRole('button', { name: 'Aprobar la nota' }).click()
  await expectSuccess(lead, 'Nota aprobada por coordinación')
  await head.goto(requestUrl)
  await head.getByRole('button', { name: 'Aprobar y publicar' }).click()
  await expectSuccess(head, 'la publicación quedó en el catálogo')

  // The requester receives the note and the service is published.
  await tech.goto('/notifications')
  await expect(tech.getByText(/Publicado: Certificado de nacimiento en línea/).first()).toBeVisible()
  await tech.goto(requestUrl)
  await expect(tech.getByText('Publicada').first()).toBeVisible()
  const download = tech.waitForEvent('download')
  await tech.getByRole('link', { name: 'Descargar la nota interna (PDF)' }).click()
  const pdf = await (await download).createReadStream()
  const chunks: Buffer[] = []
  for await (const chunk of pdf) chunks.push(chunk as Buffer)
  expect(Buffer.concat(chunks).subarray(0, 5).toString()).toBe('%PDF-')

  await tech.getByRole('link', { name: 'Ver en el catálogo' }).click()
  await expect(tech.getByRole('heading', { level: 1 })).toContainText('Certificado de nacimiento en línea')
  await expect(tech.getByText('/nacimiento/{run}').first()).toBeVisible()
})
