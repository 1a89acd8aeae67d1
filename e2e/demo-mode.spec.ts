/**
 * Demo mode: anyone may become anyone, so it must never be reachable where ClaveÚnica signs in real
 * people, and wherever it is on, every page says so. The suite's portal has ClaveÚnica configured
 * (and asks for DEMO_MODE=true, which is refused); a second portal, in demo mode without ClaveÚnica,
 * is started here.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { expect, test } from '@playwright/test'
import { E2E } from './support/env'

const banner = 'Modo demostración: cualquiera puede ingresar como cualquier persona de ejemplo.'

test.describe('with ClaveÚnica configured', () => {
  test('demo sign-in is refused and no page announces demo mode', async ({ page }) => {
    const response = await page.goto('/login/demo')
    expect(response?.status()).toBe(404)
    await page.goto('/login')
    await expect(page.getByRole('button', { name: 'Iniciar sesión con ClaveÚnica' })).toBeVisible()
    await expect(page.getByRole('link', { name: 'Ingresar como persona de demostración' })).toHaveCount(0)
    await expect(page.getByText(banner)).toHaveCount(0)
  })
})

test.describe('a portal in demo mode', () => {
  test.describe.configure({ timeout: 240_000 })
  let portal: ChildProcess | undefined

  test.beforeAll(async () => {
    test.setTimeout(180_000)
    const env: NodeJS.ProcessEnv = { ...process.env, ...E2E.demoPortalEnv }
    for (const key of Object.keys(env)) if (key.startsWith('CLAVEUNICA_') || key === 'DATABASE_URL') delete env[key]
    portal = spawn('npx', ['tsx', 'scripts/start.ts', '--no-build'], { env, stdio: 'ignore', detached: true })
    await expect
      .poll(async () => (await fetch(`${E2E.demoBaseURL}/api/health`).catch(() => undefined))?.status, {
        timeout: 170_000,
      })
      .toBe(200)
  })

  test.afterAll(() => {
    // The whole group: npx, tsx, the embedded database and `next start`.
    if (portal?.pid) process.kill(-portal.pid, 'SIGTERM')
  })

  test('says so on every page, and lets anyone sign in as a seeded person', async ({ page }) => {
    await page.goto(`${E2E.demoBaseURL}/login`)
    await expect(page.getByRole('note').filter({ hasText: banner })).toBeVisible()
    await page.getByRole('link', { name: 'Ingresar como persona de demostración' }).click()
    await expect(page.getByRole('note').filter({ hasText: banner })).toBeVisible()
    await page.getByRole('button', { name: 'Ingresar como Carolina Fuentes Rojas' }).first().click()
    await expect(page.getByTestId('viewer-name')).toHaveText('Carolina Fuentes Rojas')
    await expect(page.getByRole('note').filter({ hasText: banner })).toBeVisible()
    await page.goto(`${E2E.demoBaseURL}/esta-pagina-no-existe`)
    await expect(page.getByRole('note').filter({ hasText: banner })).toBeVisible()
  })
})
