import { test as base, expect, type Page } from '@playwright/test'
import { checkEveryPage } from './axe'

/** The seeded demo people (prisma/seed.ts) the journeys sign in as. */
export const people = {
  ctdRegistroCivil: 'Carolina Fuentes Rojas',
  techRegistroCivil: 'Matías Herrera Soto',
  ctdVallenar: 'Jorge Castillo Vega',
  techVallenar: 'Daniela Pizarro Tapia',
  businessVallenar: 'Felipe Contreras Olivares',
  businessRegistroCivil: 'Valentina Muñoz Araya',
  techIps: 'Rodrigo Silva Campos',
  ctdIps: 'Andrea Morales Díaz',
  dgdReviewer: 'Camila Reyes Navarro',
  dgdHead: 'Sebastián Vargas Lagos',
  auditor: 'Patricia Núñez Espinoza',
  citizen: 'Juan Pérez González',
} as const

export type DemoPerson = (typeof people)[keyof typeof people]

/** Signs in through the demo page, as a person would: pick a name, press its button. */
export async function signInAs(page: Page, name: DemoPerson) {
  await page.goto('/login/demo')
  await page.getByRole('button', { name: `Ingresar como ${name}` }).first().click()
  await expect(page.getByTestId('viewer-name')).toHaveText(name)
}

export async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Cerrar sesión' }).click()
  await expect(page).toHaveURL(/\/login/)
}

export const test = base.extend<{ signInAs: (name: DemoPerson) => Promise<void>; axe: void }>({
  // Every page a test visits is checked with axe-core (e2e/support/axe.ts).
  axe: [async ({ page }, use, testInfo) => checkEveryPage(page, testInfo, () => use()), { auto: true }],
  signInAs: async ({ page }, use) => {
    await use((name) => signInAs(page, name))
  },
})

export { expect }
