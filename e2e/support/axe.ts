import AxeBuilder from '@axe-core/playwright'
import type { Page, TestInfo } from '@playwright/test'

/** WCAG 2.1 A and AA, the level Chile's digital government standard asks for. */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']
const BLOCKING = new Set(['serious', 'critical'])

type Finding = { url: string; rule: string; impact: string; help: string; targets: string[] }

/**
 * Runs axe-core on every page a test visits — once per path, after it loads — and fails the test
 * when any page has a serious or critical violation. A check cut short by the test navigating on is
 * dropped (the page is checked on its next visit), and the page the test ends on is always checked.
 */
export async function checkEveryPage(page: Page, testInfo: TestInfo, run: () => Promise<void>): Promise<void> {
  // Each analysis takes 0.5-2 s on a busy 2-core machine; long journeys get the time it adds.
  testInfo.setTimeout(testInfo.timeout * 2)
  const checked = new Set<string>()
  const findings: Finding[] = []
  let queue = Promise.resolve()

  const check = async () => {
    const url = page.url()
    if (!url.startsWith('http')) return
    const key = new URL(url).pathname
    if (checked.has(key)) return
    try {
      const results = await new AxeBuilder({ page }).withTags(TAGS).analyze()
      if (page.url() !== url) return // navigated during the analysis: the results mix two pages
      checked.add(key)
      for (const v of results.violations) {
        if (!v.impact || !BLOCKING.has(v.impact)) continue
        findings.push({
          url: key,
          rule: v.id,
          impact: v.impact,
          help: v.help,
          targets: v.nodes.map((n) => n.target.join(' ')).slice(0, 5),
        })
      }
    } catch {
      // The page went away (navigation, closed context): it is checked on its next visit.
    }
  }
  const onLoad = () => {
    queue = queue.then(check)
  }

  page.on('load', onLoad)
  await run()
  page.off('load', onLoad)
  if (!page.isClosed()) {
    queue = queue.then(check)
  }
  await queue

  await testInfo.attach('accessibility', {
    body: JSON.stringify({ checked: [...checked], findings }, null, 2),
    contentType: 'application/json',
  })
  if (findings.length > 0) {
    const lines = findings.map((f) => `${f.url}: [${f.impact}] ${f.rule} — ${f.help}\n    ${f.targets.join('\n    ')}`)
    throw new Error(
      `Accessibility (axe-core): ${findings.length} serious or critical violation(s)\n${lines.join('\n')}`,
    )
  }
}
