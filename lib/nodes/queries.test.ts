import { randomInt } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { ForbiddenError } from '@/lib/auth/roles'
import { db } from '@/lib/db/client'
import {
  createCentralPerson,
  createInstitution,
  createMember,
  createNode,
  createNodeCredential,
} from '@/prisma/factories'
import { viewer } from '@/test/support/scenario'
import { compareVersions, isOutdated } from './health'
import { listNodes } from './queries'
import { nodesTableParams } from './table-params'

const MINUTE = 60_000
const DAY = 86_400_000

/**
 * A network of its own (found by a search word no other test's institution has): one node per
 * health condition, plus a revoked node that is unhealthy on every count.
 */
async function network(now: Date) {
  const word = `redsalud${randomInt(1_000_000_000)}`
  const [alpha, beta] = await Promise.all([
    createInstitution(db, { name: `Alfa ${word}` }),
    createInstitution(db, { name: `Beta ${word}` }),
  ])
  const issuer = await createMember(db, alpha.id, 'TECHNICAL_ADMIN')
  const node = async (
    institutionId: string,
    name: string,
    fields: { version?: string | null; heartbeatAgo?: number | null; environment?: 'DEVELOPMENT' | 'PRODUCTION' },
  ) =>
    createNode(db, institutionId, fields.environment ?? 'PRODUCTION', {
      name,
      version: fields.version ?? null,
      lastHeartbeatAt: fields.heartbeatAgo == null ? null : new Date(now.getTime() - fields.heartbeatAgo),
    })
  const healthy = await node(alpha.id, 'nodo-sano', { version: '2.1.0', heartbeatAgo: MINUTE })
  const stale = await node(alpha.id, 'nodo-silencioso', { version: '2.1.0', heartbeatAgo: 16 * MINUTE })
  const never = await node(alpha.id, 'nodo-nuevo', { environment: 'DEVELOPMENT' })
  const outdated = await node(beta.id, 'nodo-antiguo', { version: '1.9.9', heartbeatAgo: MINUTE })
  const prerelease = await node(beta.id, 'nodo-candidato', { version: '2.0.0-rc.1', heartbeatAgo: MINUTE })
  const expiring = await node(beta.id, 'nodo-por-vencer', { version: '2.0.0+build.7', heartbeatAgo: 14 * MINUTE })
  const revoked = await node(beta.id, 'nodo-revocado', { version: '1.0.0' })
  await db.node.update({ where: { id: revoked.id }, data: { revokedAt: now } })

  const credential = (n: { id: string; environment: 'DEVELOPMENT' | 'PRODUCTION' }, fields = {}) =>
    createNodeCredential(db, n, issuer.id, { issuedAt: new Date(now.getTime() - 300 * DAY), ...fields })
  await credential(healthy, { expiresAt: new Date(now.getTime() + 200 * DAY) })
  await credential(stale, { expiresAt: new Date(now.getTime() + 31 * DAY) })
  // Expiring within 30 days: its only usable credential. A revoked and a retired one that would last
  // longer do not count; nor does an expired one.
  await credential(expiring, { expiresAt: new Date(now.getTime() + 29 * DAY) })
  await credential(expiring, { expiresAt: new Date(now.getTime() + 300 * DAY), revokedAt: now })
  await credential(expiring, { expiresAt: new Date(now.getTime() + 300 * DAY), retiresAt: now })
  await credential(never, { expiresAt: new Date(now.getTime() - DAY) })
  await credential(revoked, { expiresAt: new Date(now.getTime() + 2 * DAY) })
  return { word, alpha, beta, nodes: { healthy, stale, never, outdated, prerelease, expiring, revoked } }
}

const load = (query: string) => nodesTableParams.load(query)

describe('listNodes (the DGD nodes page)', () => {
  it('filters stale, outdated and expiring nodes in SQL, and pages the filtered list', async () => {
    const now = new Date()
    const net = await network(now)
    const dgd = await viewer((await createCentralPerson(db, 'DGD_REVIEWER')).id)
    const names = async (query: string) => {
      const { rows, rowCount } = await listNodes(dgd, load(`q=${net.word}&${query}`), now)
      return { names: rows.map((r) => r.name), rowCount }
    }

    expect((await names('')).rowCount).toBe(7)
    // Stale: heard from over 15 minutes ago, or never. Not the revoked node.
    expect((await names('health=stale')).names.sort()).toEqual(['nodo-nuevo', 'nodo-silencioso'])
    // Outdated: below 2.0.0 (a pre-release of 2.0.0 is below it; a build suffix is not).
    expect((await names('health=outdated')).names.sort()).toEqual(['nodo-antiguo', 'nodo-candidato'])
    expect((await names('health=expiring')).names).toEqual(['nodo-por-vencer'])
    // Several conditions: any of them.
    expect((await names('health=stale,expiring')).names.sort()).toEqual([
      'nodo-nuevo',
      'nodo-por-vencer',
      'nodo-silencioso',
    ])
    expect((await names('health=stale&environment=PRODUCTION')).names).toEqual(['nodo-silencioso'])

    // A search narrowing to one institution.
    const page = await listNodes(dgd, load(`q=beta ${net.word}&sort=name`), now)
    expect(page.rowCount).toBe(4)
    expect(page.rows.map((r) => r.name)).toEqual(['nodo-antiguo', 'nodo-candidato', 'nodo-por-vencer', 'nodo-revocado'])
    const row = (name: string) => page.rows.find((r) => r.name === name)!
    expect(row('nodo-por-vencer')).toMatchObject({ expiring: true, outdated: false, heartbeat: 'recent' })
    expect(row('nodo-por-vencer').credentialExpiresAt!.getTime()).toBe(now.getTime() + 29 * DAY)
    expect(row('nodo-antiguo')).toMatchObject({ outdated: true, credentialExpiresAt: null, expiring: false })
    expect(row('nodo-revocado')).toMatchObject({ revoked: true })
  })

  it('sorts every column in a total order, so consecutive pages neither repeat nor skip a node', async () => {
    const now = new Date()
    const net = await network(now)
    // 14 more, several sharing a name (in two institutions), a heartbeat instant or no credential: ties.
    for (let i = 0; i < 14; i++) {
      const n = await createNode(db, i % 2 ? net.alpha.id : net.beta.id, 'PRODUCTION', {
        name: `nodo-extra-${i % 7}`,
        lastHeartbeatAt: i % 3 ? new Date(now.getTime() - 2 * MINUTE) : null,
      })
      if (i % 4 === 0) {
        const issuer = await createMember(db, net.alpha.id, 'TECHNICAL_ADMIN')
        await createNodeCredential(db, n, issuer.id, { expiresAt: new Date(now.getTime() + 100 * DAY) })
      }
    }
    const auditor = await viewer((await createCentralPerson(db, 'AUDITOR')).id)
    for (const sort of ['institution', 'name', 'lastHeartbeatAt', 'credentialExpiresAt']) {
      for (const sign of ['', '-']) {
        const all = await listNodes(auditor, load(`q=${net.word}&sort=${sign}${sort}&perPage=100`), now)
        expect(all.rowCount).toBe(21)
        const paged: string[] = []
        for (let page = 1; page <= 3; page++) {
          const { rows, rowCount } = await listNodes(
            auditor,
            load(`q=${net.word}&sort=${sign}${sort}&perPage=10&page=${page}`),
            now,
          )
          expect(rowCount).toBe(21)
          paged.push(...rows.map((r) => r.id))
        }
        expect(paged, `${sign}${sort}`).toEqual(all.rows.map((r) => r.id))
        expect(new Set(paged).size).toBe(21)
      }
    }
    // Never heard from sorts as the oldest heartbeat; no usable credential as the earliest expiry.
    const byHeartbeat = await listNodes(auditor, load(`q=${net.word}&sort=lastHeartbeatAt`), now)
    expect(byHeartbeat.rows.slice(0, 2).map((r) => r.lastHeartbeatAt)).toEqual([null, null])
    const byExpiryDesc = await listNodes(auditor, load(`q=${net.word}&sort=-credentialExpiresAt`), now)
    expect(byExpiryDesc.rows[0]!.name).toBe('nodo-sano')
    // A page past the end is empty but still counts the rows.
    const past = await listNodes(auditor, load(`q=${net.word}&perPage=10&page=4`), now)
    expect(past).toMatchObject({ rows: [], rowCount: 21 })
  })

  it('is for DGD and auditors only; a search with LIKE wildcards matches them literally', async () => {
    const now = new Date()
    const net = await network(now)
    const tech = await viewer((await createMember(db, net.alpha.id, 'TECHNICAL_ADMIN')).id)
    await expect(listNodes(tech, load(''), now)).rejects.toBeInstanceOf(ForbiddenError)
    const dgd = await viewer((await createCentralPerson(db, 'DGD_HEAD')).id)
    expect((await listNodes(dgd, load(`q=${net.word} %`), now)).rowCount).toBe(0)
    expect((await listNodes(dgd, load(`q=${net.word} _odo`), now)).rowCount).toBe(0)
    expect((await listNodes(dgd, load(`q=${net.word} silencioso`), now)).rows.map((r) => r.name)).toEqual([
      'nodo-silencioso',
    ])
  })
})

describe('node versions', () => {
  it('compares MAJOR.MINOR.PATCH, a pre-release below its release, a build suffix ignored', () => {
    expect(compareVersions('1.10.0', '1.9.9')).toBe(1)
    expect(compareVersions('2.0.0-rc.1', '2.0.0')).toBe(-1)
    expect(compareVersions('2.0.0+build.7', '2.0.0')).toBe(0)
    expect(isOutdated('1.99.99', '2.0.0')).toBe(true)
    expect(isOutdated(null, '2.0.0')).toBe(false)
    expect(isOutdated('desconocida', '2.0.0')).toBe(false)
  })
})
