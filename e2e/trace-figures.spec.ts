import pg from 'pg'
import { E2E } from './support/env'
import { expect, people, signInAs, test } from './support/fixtures'

/** The seed's connected case's agreement (in force, its service publishing 99.5 % and a p95 of 800 ms). */
async function connectedAgreementId(): Promise<string> {
  const client = new pg.Client({ connectionString: E2E.databaseUrl })
  await client.connect()
  try {
    const { rows } = await client.query<{ id: string }>(
      `SELECT a.id FROM "Agreement" a JOIN "ConnectionCase" c ON c.id = a."caseId"
       WHERE c.status = 'CONNECTED' AND a.status = 'IN_FORCE' ORDER BY c.number LIMIT 1`,
    )
    return rows[0]!.id
  } finally {
    await client.end()
  }
}

test('the registry’s daily figures: the network for the auditor, each chart with its table', async ({ page }) => {
  await signInAs(page, people.auditor)
  await page.goto('/traces')
  await page.getByRole('link', { name: 'Cifras diarias' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Cifras diarias del registro' })).toBeVisible()
  await expect(page.getByText(/Los intercambios de producción de toda la red/)).toBeVisible()
  for (const name of ['Intercambios por día', 'Tasa de error por día', 'Latencia por día']) {
    const figure = page.getByRole('figure', { name })
    await expect(figure.getByRole('img', { name })).toBeVisible()
    await figure.getByText('Ver los datos como tabla').click()
    // Thirty days, one row each, under a header row.
    await expect(figure.getByRole('table', { name }).getByRole('row')).toHaveCount(31)
  }
  await page.getByLabel('Cifras de').selectOption({ label: 'Municipalidad de Vallenar' })
  await page.getByRole('button', { name: 'Ver', exact: true }).click()
  await expect(page.getByText(/de los que Vallenar es parte/)).toBeVisible()
})

test('an institution sees its own figures, and an agreement’s measured levels only as a party', async ({ page }) => {
  const agreementId = await connectedAgreementId()
  await signInAs(page, people.businessVallenar)
  await page.goto('/traces/figures')
  await expect(page.getByText(/de los que Vallenar es parte/)).toBeVisible()

  await page.goto(`/agreements/${agreementId}`)
  const levels = page.getByRole('region', { name: 'Niveles de servicio medidos', exact: true })
  await expect(levels).toContainText('Niveles del acuerdo: disponibilidad mínima 99,5 %; latencia p95 máxima 800 ms.')
  const months = levels.getByRole('table', { name: 'Niveles de servicio medidos por mes' })
  await expect(months.getByRole('columnheader', { name: 'Disponibilidad' })).toBeVisible()
  await expect(months.getByRole('rowheader').first()).toHaveText(/^[A-Z][a-z]+ de 20\d\d$/)

  await signInAs(page, people.ctdIps)
  const response = await page.goto(`/agreements/${agreementId}`)
  expect(response?.status()).toBe(404)
})
