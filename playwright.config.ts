import { defineConfig, devices } from '@playwright/test'
import { E2E } from './e2e/support/env'

/**
 * End-to-end tests drive the production build in Debian's Chromium (never a downloaded browser),
 * against a fresh in-memory embedded database seeded with the demo data, and a local OpenID Connect
 * server standing in for ClaveÚnica.
 */
export default defineConfig({
  testDir: './e2e',
  fullyParallel: false,
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL: E2E.baseURL,
    locale: 'es-CL',
    timezoneId: 'America/Santiago',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [{ name: 'desktop', use: { ...devices['Desktop Chrome'], channel: undefined } }],
  webServer: [
    {
      command: 'npx tsx e2e/support/smtp-server.ts',
      url: `${E2E.mailboxUrl}/messages`,
      env: E2E.mailServerEnv,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      command: 'npx tsx e2e/support/oidc-server.ts',
      url: `${E2E.oidcIssuer}/.well-known/openid-configuration`,
      env: E2E.oidcServerEnv,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      // Its log goes to a file that e2e/z-log-secrets.spec.ts searches for the run's secrets.
      command: `mkdir -p ${E2E.logDir} && rm -f ${E2E.logDir}/* && npx tsx scripts/start.ts --no-build 2>&1 | tee ${E2E.logDir}/portal.log`,
      url: `${E2E.baseURL}/api/health`,
      env: E2E.portalEnv,
      reuseExistingServer: false,
      timeout: 240_000,
      stdout: 'pipe',
    },
  ],
})
