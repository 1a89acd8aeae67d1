import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { can, membershipRoles, type Permission } from '@/lib/auth/roles'

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

  it("has every central staff page refuse everyone else itself: (admin)'s layout does not (decision 026)", () => {
    const pages = modules(path.join('app', '(admin)')).filter((f) => f.endsWith(`${path.sep}page.tsx`))
    expect(pages.length).toBeGreaterThanOrEqual(4)
    const unguarded = pages.filter((file) => {
      const checks = [...readFileSync(path.join(root, file), 'utf8').matchAll(/requirePermission\('([\w.]+)'/g)]
      // Each page's first check must be one that no institution's member holds, for any institution.
      const permission = checks[0]?.[1] as Permission | undefined
      return (
        !permission ||
        membershipRoles.some((role) =>
          can({ personId: 'p', memberships: [{ institutionId: 'i', role }], centralRoles: [] }, permission, 'i'),
        )
      )
    })
    expect(unguarded).toEqual([])
  })
})
