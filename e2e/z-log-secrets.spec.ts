/**
 * Runs last (files run in name order): every portal process of the run logged JSON lines to
 * E2E.logDir (the suite's portal, the second replica, the one stopped by the shutdown spec). None of
 * them may hold a session token the run created, the run's configured secrets, or a RUN; and a
 * request's lines share its id.
 */
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { expect, test } from '@playwright/test'
import { E2E } from './support/env'

type Line = { msg?: string; requestId?: string; personId?: string; level?: string }

test('no log line of the run holds a token, a secret or a RUN, and a request’s lines share one id', async () => {
  const files = (await readdir(E2E.logDir)).filter((name) => name.endsWith('.log'))
  expect(files).toContain('portal.log')
  const text = (await Promise.all(files.map((name) => readFile(path.join(E2E.logDir, name), 'utf8')))).join('\n')
  const tokens = (await readFile(path.join(E2E.logDir, 'secrets.txt'), 'utf8').catch(() => ''))
    .split('\n')
    .filter(Boolean)
  expect(tokens.length).toBeGreaterThan(0)
  const secrets = [...tokens, E2E.portalEnv.AUTH_SECRET, E2E.client.secret, E2E.metricsToken]
  for (const secret of secrets)
    expect(text.includes(secret), `a secret in the logs: ${secret.slice(0, 4)}…`).toBe(false)
  // A RUN, with or without dots (timestamps and ids do not look like one).
  expect(text.match(/\b\d{1,2}(?:\.\d{3}){2}-[\dkK]\b|\b\d{7,8}-[\dkK]\b/g) ?? []).toEqual([])

  const lines = text
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Line)
  const requests = lines.filter((line) => line.msg === 'request completed')
  expect(requests.length).toBeGreaterThan(10)
  expect(requests.every((line) => line.requestId)).toBe(true)
  // Lines a request logs besides its own completion (mail sent after the response) carry its id and person.
  const ids = new Set(requests.map((line) => line.requestId))
  const mails = lines.filter((line) => line.msg === 'mail sent' && line.requestId)
  expect(mails.length).toBeGreaterThan(0)
  expect(mails.every((line) => ids.has(line.requestId))).toBe(true)
  expect(mails.some((line) => line.personId)).toBe(true)
})

test('the metrics are served to the token holder only', async ({ request }) => {
  expect((await request.get('/api/metrics')).status()).toBe(401)
  const response = await request.get('/api/metrics', { headers: { Authorization: `Bearer ${E2E.metricsToken}` } })
  expect(response.status()).toBe(200)
  const text = await response.text()
  expect(text).toMatch(/http_requests_total\{method="GET",route="\/connections\/\[id\]",status="200"\} \d+/)
  expect(text).toMatch(/job_runs_total\{job="mail-delivery",outcome="succeeded"\} \d+/)
  expect(text).toMatch(/mail_queue_depth \d+/)
})
