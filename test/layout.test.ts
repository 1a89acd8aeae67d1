import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const root = path.resolve(import.meta.dirname, '..')

function modules(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name))
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)))
    .filter((f) => !f.startsWith(`lib${path.sep}generated`))
}

describe('project layout', () => {
  it('keeps test support out of lib/: no module there builds test data with the factories', () => {
    const offenders = modules('lib').filter((f) =>
      /prisma\/factories|from '@\/test\//.test(readFileSync(path.join(root, f), 'utf8')),
    )
    expect(offenders).toEqual([])
  })
})
