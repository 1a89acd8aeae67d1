import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const root = path.resolve(import.meta.dirname, '..')

function sources(dir: string): { file: string; text: string }[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name))
    .map((file) => ({ file: path.relative(root, file), text: readFileSync(file, 'utf8') }))
}

/** Patterns of text shown to people written in code instead of the catalog (lib/i18n/messages/es-CL). */
const HARD_CODED = [
  { what: 'a page title', pattern: /metadata\s*(?::\s*\w+\s*)?=\s*\{[^}]*title:\s*['"`]/ },
  { what: 'a response body', pattern: /new Response\(\s*['"`]/ },
  { what: 'words in a mail', pattern: /['"`](Ir al portal|— Portal PISEE)/ },
]

describe('the message catalog', () => {
  it('holds every string the UI shows: page titles, route handler answers, the mail footer', () => {
    const files = [...sources('app'), ...sources('components'), ...sources('lib/notifications')]
    const offenders = files.flatMap(({ file, text }) =>
      HARD_CODED.filter((h) => h.pattern.test(text)).map((h) => `${file}: ${h.what}`),
    )
    expect(offenders).toEqual([])
  })
})
