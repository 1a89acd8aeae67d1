/**
 * Two replicas on one database, behind a round-robin proxy: every request (page, server action,
 * redirect) lands on the other replica than the one before. A meeting request, its scheduling and
 * the notices and mails they send come out as with one replica: the session holds on both, each step
 * is done once, each mail is sent once.
 */
import type { Browser, Page } from '@playwright/test'
import { expect, people, signInAs, test, type DemoPerson } from './support/fixtures'
import { E2E } from './support/env'
import { mailbox } from './support/mailbox'
import { startReplica, startRoundRobin, type Replica } from './support/replicas'

test.describe.configure({ timeout: 180_000 })

let replica: Replica | undefined
let proxy: Awaited<ReturnType<typeof startRoundRobin>> | undefined

test.beforeAll(async () => {
  test.setTimeout(120_000)
  replica = await startReplica('replica-2', E2E.replicaPort)
  proxy = await startRoundRobin(E2E.proxyPort, [Number(new URL(E2E.baseURL).port), E2E.replicaPort])
})

test.afterAll(async () => {
  await proxy?.close()
  replica?.process.kill('SIGTERM')
  await replica?.exited
})

async function as(browser: Browser, person: DemoPerson): Promise<Page> {
  const page = await (await browser.newContext({ baseURL: E2E.proxyURL })).newPage()
  await signInAs(page, person, E2E.proxyURL)
  return page
}

test('a meeting request and its scheduling through two replicas alternately come out as with one', async ({
  browser,
}) => {
  await mailbox.clear()
  const ctd = await as(browser, people.ctdIps)
  await ctd.goto('/connections/new')
  // Any service IPS has no open case for.
  const service = ctd.getByLabel('Servicio del proveedor')
  const free = service.locator('option:not([value=""])').filter({ hasNotText: 'caso abierto' })
  await service.selectOption((await free.first().getAttribute('value'))!)
  await ctd.getByLabel('Necesidades').fill('Verificar pensiones vigentes sin pedir certificados en papel.')
  await ctd.getByLabel('Fecha 1').fill('2026-12-17')
  await ctd.getByRole('button', { name: 'Enviar solicitud' }).click()
  await expect(ctd).toHaveURL(/\/connections\/[^/]+\?done=meetingRequested$/)
  const heading = ctd.getByRole('heading', { level: 1, name: /Caso N° \d+/ })
  const number = /Caso N° (\d+)/.exec((await heading.textContent()) ?? '')![1]
  const caseUrl = ctd.url().replace(/\?.*$/, '')
  // The same page from both replicas in turn.
  for (let i = 0; i < 2; i++) {
    await ctd.reload()
    await expect(ctd.getByText('Reunión solicitada').first()).toBeVisible()
    await expect(ctd.getByTestId('viewer-name')).toHaveText(people.ctdIps)
  }

  // The DGD reviewer is told once, in the inbox and by mail, and schedules the meeting.
  const reviewer = await as(browser, people.dgdReviewer)
  await reviewer.goto('/notifications')
  await expect(reviewer.getByText(`Caso N° ${number}: Agendar la reunión`)).toHaveCount(1)
  await reviewer.goto(caseUrl)
  await reviewer.getByLabel('Fecha y hora (hora de Chile)').fill('2026-12-17T10:00')
  await reviewer.getByLabel('Enlace de la videollamada').fill('https://meet.example.gob.cl/pisee-ips')
  await reviewer.getByRole('button', { name: 'Agendar' }).click()
  await expect(reviewer.getByRole('status').filter({ hasText: 'Reunión agendada.' })).toBeVisible()

  // The CTD sees it from either replica.
  for (let i = 0; i < 2; i++) {
    await ctd.reload()
    await expect(ctd.getByText('Reunión agendada').first()).toBeVisible()
  }

  // One mail per notice, whichever replica sent it (after the response, or by the mail job).
  const toReviewer = async () =>
    (await mailbox.all()).filter(
      (mail) =>
        mail.to.includes('creyes@digital.example.gob.cl') && mail.subject === `Caso N° ${number}: Agendar la reunión`,
    ).length
  await expect.poll(toReviewer, { timeout: 30_000 }).toBe(1)
  await new Promise((resolve) => setTimeout(resolve, 2_000))
  expect(await toReviewer()).toBe(1)

  // Both replicas took a fair share of the journey.
  expect(Math.min(...proxy!.served)).toBeGreaterThan(5)
})
