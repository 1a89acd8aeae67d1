/**
 * `npm run bench:lighthouse`: Lighthouse (12.2.3, the pinned devDependency) on the built portal's main
 * pages, signed in as the person each page is for, in Debian's Chromium (/usr/bin/chromium, or
 * CHROME_PATH). Prints the performance and accessibility scores of each page and the failing
 * accessibility audits. A script, not a test: it builds nothing (run `npx next build` first) and never
 * fails on a score.
 *
 * Same database, sessions and server as `npm run bench:pages` (bench/portal.ts).
 *   BENCH_ONLY=home,cases     only the pages whose key contains one of these words
 *   BENCH_LIGHTHOUSE=desktop  Lighthouse's desktop preset (default: its mobile one, throttled)
 */
import * as chromeLauncher from 'chrome-launcher'
import lighthouse, { desktopConfig } from 'lighthouse'
import { base, mainPages, openSessions, recreateDatabase, roles, startPortal } from './portal'

const only = process.env.BENCH_ONLY?.split(',').filter(Boolean)
const desktop = process.env.BENCH_LIGHTHOUSE === 'desktop'

const db = await recreateDatabase()
const sessions = await openSessions(db)
const list = (await mainPages(db)).filter(
  (page) =>
    !['public file', 'health', 'static (not found)'].includes(page.key) &&
    (!only || only.some((word) => page.key.includes(word))),
)
await db.$disconnect()

const server = await startPortal()
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  chromeFlags: [
    '--headless=new',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
})

type Row = {
  key: string
  performance: number
  accessibility: number
  metrics: string[]
  failing: string[]
}
const metrics = [
  'first-contentful-paint',
  'largest-contentful-paint',
  'total-blocking-time',
  'speed-index',
  'cumulative-layout-shift',
]
try {
  const rows: Row[] = []
  for (const page of list) {
    const cookie = page.as ? sessions[page.as].cookie : undefined
    // Warm the route up first: the first render of a route in a fresh server compiles nothing, but fills caches.
    await fetch(`${base}${page.path}`, { headers: cookie ? { cookie } : {} })
    const result = await lighthouse(
      `${base}${page.path}`,
      {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: ['performance', 'accessibility'],
        extraHeaders: cookie ? { cookie } : undefined,
      },
      desktop ? desktopConfig : undefined,
    )
    if (!result) throw new Error(`${page.key}: Lighthouse returned nothing`)
    const { lhr } = result
    if (page.as && new URL(lhr.finalDisplayedUrl).pathname !== page.path.split('?')[0]) {
      throw new Error(`${page.key}: ended on ${lhr.finalDisplayedUrl}, not signed in as ${roles[page.as]}?`)
    }
    const accessibility = lhr.categories.accessibility!
    const failing = accessibility.auditRefs
      .map((ref) => lhr.audits[ref.id]!)
      .filter((audit) => audit.score !== null && audit.score < 1)
      .map((audit) => `${audit.id}: ${audit.title}`)
    // A run without a score (null, printed as 0) says why: a runtime error or the metrics' own errors.
    if (lhr.categories.performance!.score === null) {
      const reasons = [lhr.runtimeError?.message, ...metrics.map((id) => lhr.audits[id]?.errorMessage)]
      failing.push(`performance not scored: ${[...new Set(reasons.filter(Boolean))].join('; ') || 'no reason given'}`)
    }
    rows.push({
      key: page.key,
      performance: Math.round((lhr.categories.performance!.score ?? 0) * 100),
      accessibility: Math.round((accessibility.score ?? 0) * 100),
      metrics: metrics.map((id) => lhr.audits[id]?.displayValue ?? ''),
      failing,
    })
    console.error(`  ${page.key}: ${rows.at(-1)!.performance} / ${rows.at(-1)!.accessibility}`)
  }
  console.log(`\nLighthouse ${lighthouseVersion()}, ${desktop ? 'desktop' : 'mobile'} preset, ${base}\n`)
  console.log(
    `${'page'.padEnd(24)}${'performance'.padStart(13)}${'accessibility'.padStart(15)}` +
      ['FCP', 'LCP', 'TBT', 'SI', 'CLS'].map((name) => name.padStart(9)).join(''),
  )
  for (const row of rows) {
    console.log(
      `${row.key.padEnd(24)}${String(row.performance).padStart(13)}${String(row.accessibility).padStart(15)}` +
        row.metrics.map((value) => value.replace(/\s/g, ' ').padStart(9)).join(''),
    )
    for (const audit of row.failing) console.log(`    ✗ ${audit}`)
  }
} finally {
  chrome.kill()
  await server.stop()
}

function lighthouseVersion(): string {
  return (process.env.npm_package_devDependencies_lighthouse as string | undefined) ?? '12.2.3'
}
