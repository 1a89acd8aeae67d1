import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { routeOf } from './http-hooks'

// A build's routes manifest as Next.js writes it (static routes first), with the portal's catch-all.
const build = mkdtempSync(path.join(tmpdir(), 'routes-'))
mkdirSync(path.join(build, '.next'))
writeFileSync(
  path.join(build, '.next', 'routes-manifest.json'),
  JSON.stringify({
    staticRoutes: [{ page: '/connections', regex: '^/connections(?:/)?$' }],
    dynamicRoutes: [
      { page: '/connections/[id]', regex: '^/connections/([^/]+?)(?:/)?$' },
      { page: '/[...missing]', regex: '^/(.+?)(?:/)?$' },
    ],
  }),
)
const cwd = vi.spyOn(process, 'cwd').mockReturnValue(build)
afterAll(() => cwd.mockRestore())

describe('the route label of a request', () => {
  it('is the pattern that serves it, and "(unmatched)" for what only the catch-all 404 takes', () => {
    expect(routeOf('/connections')).toBe('/connections')
    expect(routeOf('/connections/abc123')).toBe('/connections/[id]')
    expect(routeOf('/no-existe')).toBe('(unmatched)')
    expect(routeOf('/icon.svg')).toBe('(unmatched)')
    expect(routeOf('/_next/static/chunks/a.js')).toBe('/_next')
  })
})
