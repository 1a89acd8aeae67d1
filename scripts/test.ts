/**
 * `npm test`: the whole suite, as CI runs it.
 *   1. unit and integration tests (vitest) against the real PostgreSQL server (TEST_DATABASE_URL,
 *      default 127.0.0.1:5432) — skipped with a notice when no server answers, except under CI;
 *   2. the same tests against the embedded PostgreSQL (PGlite over the wire);
 *   3. a production build (skip with --no-build when one was just made);
 *   4. end-to-end tests (Playwright in Debian's Chromium).
 * It ends with one summary line, "Tests: N passed, N failed, N skipped", and fails if anything failed.
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { DEFAULT_TEST_DATABASE_URL } from '@/test/support/database'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const bin = (name: string) => path.join(root, 'node_modules', '.bin', name)
const resultsDir = path.join(root, 'test-results', 'summary')
const args = new Set(process.argv.slice(2))

type Counts = { passed: number; failed: number; skipped: number }
const suites: { name: string; counts: Counts; ok: boolean; failures?: string[] }[] = []

function run(command: string, commandArgs: string[], env: Record<string, string> = {}): boolean {
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } })
  return result.status === 0
}

function readJson<T>(file: string): T | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T
  } catch {
    return null
  }
}

function vitest(name: string, testDb: 'postgres' | 'embedded') {
  const output = path.join(resultsDir, `vitest-${testDb}.json`)
  console.log(`\n── ${name} ──`)
  const ok = run(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${output}`], {
    TEST_DB: testDb,
  })
  const report = readJson<{
    numPassedTests: number
    numFailedTests: number
    numPendingTests: number
    numTodoTests: number
    testResults?: {
      name: string
      assertionResults?: { fullName: string; status: string; failureMessages?: string[] }[]
    }[]
  }>(output)
  const counts = report
    ? {
        passed: report.numPassedTests,
        failed: report.numFailedTests,
        skipped: report.numPendingTests + report.numTodoTests,
      }
    : { passed: 0, failed: 1, skipped: 0 }
  const failures = (report?.testResults ?? []).flatMap((file) =>
    (file.assertionResults ?? [])
      .filter((test) => test.status === 'failed')
      .map(
        (test) =>
          `${path.relative(root, file.name)} › ${test.fullName}: ${(test.failureMessages?.[0] ?? '').split('\n')[0]!.slice(0, 300)}`,
      ),
  )
  record(name, counts, ok, failures)
}

/** A runner that failed without reporting a failed test (it crashed, a server did not start) counts one. */
function record(name: string, counts: Counts, ok: boolean, failures: string[] = []) {
  if (!ok && counts.failed === 0) counts.failed = 1
  suites.push({ name, counts, ok: ok && counts.failed === 0, failures })
}

async function postgresAnswers(url: string): Promise<boolean> {
  const admin = new URL(url)
  admin.pathname = '/postgres'
  const client = new pg.Client({ connectionString: admin.toString(), connectionTimeoutMillis: 3000 })
  try {
    await client.connect()
    await client.end()
    return true
  } catch {
    return false
  }
}

rmSync(resultsDir, { recursive: true, force: true })
mkdirSync(resultsDir, { recursive: true })

const postgresUrl = process.env.TEST_DATABASE_URL ?? DEFAULT_TEST_DATABASE_URL
if (await postgresAnswers(postgresUrl)) {
  vitest('Unit and integration tests on PostgreSQL', 'postgres')
} else if (process.env.CI) {
  console.error(`PostgreSQL does not answer at ${new URL(postgresUrl).host}; CI requires it.`)
  suites.push({
    name: 'Unit and integration tests on PostgreSQL',
    counts: { passed: 0, failed: 1, skipped: 0 },
    ok: false,
  })
} else {
  console.warn(
    `\nPostgreSQL does not answer at ${new URL(postgresUrl).host}: skipping that run; the embedded run below covers the same tests.`,
  )
}
vitest('Unit and integration tests on the embedded PostgreSQL', 'embedded')

let built = true
if (!args.has('--no-build')) {
  console.log('\n── Production build ──')
  built = run(bin('next'), ['build'])
  if (!built) suites.push({ name: 'Production build', counts: { passed: 0, failed: 1, skipped: 0 }, ok: false })
}

if (built) {
  console.log('\n── End-to-end tests ──')
  const output = path.join(resultsDir, 'e2e.json')
  const ok = run(bin('playwright'), ['test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: output })
  const report = readJson<{ stats: { expected: number; unexpected: number; flaky: number; skipped: number } }>(output)
  const counts = report
    ? {
        passed: report.stats.expected + report.stats.flaky,
        failed: report.stats.unexpected,
        skipped: report.stats.skipped,
      }
    : { passed: 0, failed: 1, skipped: 0 }
  record('End-to-end tests (Chromium)', counts, ok)
}

console.log('\n── Summary ──')
const total: Counts = { passed: 0, failed: 0, skipped: 0 }
for (const suite of suites) {
  console.log(
    `${suite.ok ? 'ok  ' : 'FAIL'} ${suite.name}: ${suite.counts.passed} passed, ${suite.counts.failed} failed, ${suite.counts.skipped} skipped`,
  )
  // The failed tests are named here, next to the counts, so a run's last lines say what to look at.
  for (const failure of suite.failures ?? []) console.log(`       ✗ ${failure}`)
  total.passed += suite.counts.passed
  total.failed += suite.counts.failed
  total.skipped += suite.counts.skipped
}
console.log(`Tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`)
process.exit(suites.every((s) => s.ok) ? 0 : 1)
