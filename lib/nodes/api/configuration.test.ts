/**
 * What a node's configuration lists for each state of the case's agreement, judged on the calendar
 * day in Chile (December: UTC−3), with a fixed clock.
 */
import { describe, expect, it } from 'vitest'
import { nodeNetwork } from '@/test/support/node-api'
import { buildConfiguration, configurationVersion, etagMatches } from './configuration'

const day = (iso: string) => new Date(`${iso}T00:00:00Z`)
/** 23:59:59 in Chile on the 15th, and midnight starting the 16th. */
const lastSecondOf15th = new Date('2026-12-16T02:59:59Z')
const midnightOf16th = new Date('2026-12-16T03:00:00Z')

async function listed(net: Awaited<ReturnType<typeof nodeNetwork>>, now: Date) {
  const [consumerProd, providerProd, consumerDev] = await Promise.all([
    buildConfiguration(net.callers.consumerProd, now),
    buildConfiguration(net.callers.providerProd, now),
    buildConfiguration(net.callers.consumerDev, now),
  ])
  return {
    production: consumerProd.services.map((s) => s.serviceCode),
    providerSees: providerProd.consumers.map((c) => c.node.id),
    development: consumerDev.services.map((s) => s.serviceCode),
    consumerProd,
  }
}

describe('configuration content by agreement state', () => {
  it('lists a production access through the last day of its agreement in Chile, not the next', async () => {
    const net = await nodeNetwork({ agreement: { status: 'IN_FORCE', endsOn: day('2026-12-15') } })
    const before = await listed(net, lastSecondOf15th)
    expect(before.production).toEqual([net.service.code])
    expect(before.providerSees).toEqual([net.nodes.consumerProd.id])
    expect(before.consumerProd.services[0]!.agreement).toEqual({ id: expect.any(String), endsOn: '2026-12-15' })

    const after = await listed(net, midnightOf16th)
    expect(after.production).toEqual([])
    expect(after.providerSees).toEqual([])
    // An agreement that ended ends the development access too (lib/nodes/grants.ts).
    expect(after.development).toEqual([])
  })

  it('drops a terminated agreement on its termination date in Chile; its last day is the eve', async () => {
    const net = await nodeNetwork({
      agreement: { status: 'IN_FORCE', endsOn: day('2027-06-30'), terminatesOn: day('2026-12-16') },
    })
    const before = await listed(net, lastSecondOf15th)
    expect(before.production).toEqual([net.service.code])
    expect(before.consumerProd.services[0]!.agreement?.endsOn).toBe('2026-12-15')
    expect((await listed(net, midnightOf16th)).production).toEqual([])
  })

  it('lists an indefinite agreement in force, with no end date', async () => {
    const net = await nodeNetwork({ agreement: { status: 'IN_FORCE' } })
    const { consumerProd, providerSees } = await listed(net, midnightOf16th)
    expect(consumerProd.services.map((s) => s.agreement?.endsOn)).toEqual([null])
    expect(providerSees).toEqual([net.nodes.consumerProd.id])
  })

  it.each([
    ['REQUESTED', true],
    ['APPROVED', true],
    ['EXPIRED', false],
    ['TERMINATED', false],
    ['REJECTED', false],
  ] as const)('lists no production access while the agreement is %s (development: %s)', async (status, dev) => {
    const net = await nodeNetwork({ agreement: { status, endsOn: day('2027-12-31') } })
    const { production, providerSees, development } = await listed(net, midnightOf16th)
    expect(production).toEqual([])
    expect(providerSees).toEqual([])
    expect(development).toEqual(dev ? [net.service.code] : [])
  })

  it('lists a service that needs no agreement in production without one', async () => {
    const net = await nodeNetwork({ agreement: null, requiresAgreement: false })
    const { consumerProd } = await listed(net, midnightOf16th)
    expect(consumerProd.services).toEqual([expect.objectContaining({ serviceCode: net.service.code, agreement: null })])
  })

  it("never mixes environments: a node sees only its own environment's grants", async () => {
    const net = await nodeNetwork({ agreement: { status: 'IN_FORCE' } })
    const dev = await buildConfiguration(net.callers.consumerDev, midnightOf16th)
    const prod = await buildConfiguration(net.callers.consumerProd, midnightOf16th)
    expect(dev.services.map((s) => s.endpoint)).toEqual([net.service.devEndpoint])
    expect(prod.services.map((s) => s.endpoint)).toEqual([net.service.prodEndpoint])
    const providerDev = await buildConfiguration(net.callers.providerDev, midnightOf16th)
    expect(providerDev.consumers.map((c) => c.node.id)).toEqual([net.nodes.consumerDev.id])
  })
})

describe('configuration version', () => {
  it('changes with the content or the signing key, and only then', async () => {
    const net = await nodeNetwork({ agreement: { status: 'IN_FORCE', endsOn: day('2026-12-15') } })
    const a = await buildConfiguration(net.callers.consumerProd, lastSecondOf15th)
    const b = await buildConfiguration(net.callers.consumerProd, new Date('2026-12-15T12:00:00Z'))
    const c = await buildConfiguration(net.callers.consumerProd, midnightOf16th)
    expect(configurationVersion(a, 'k1')).toBe(configurationVersion(b, 'k1'))
    expect(configurationVersion(a, 'k1')).not.toBe(configurationVersion(c, 'k1'))
    expect(configurationVersion(a, 'k1')).not.toBe(configurationVersion(a, 'k2'))
  })

  it('matches If-None-Match lists, weak tags and *', () => {
    expect(etagMatches('"abc"', 'abc')).toBe(true)
    expect(etagMatches('W/"abc"', 'abc')).toBe(true)
    expect(etagMatches('"x", "abc"', 'abc')).toBe(true)
    expect(etagMatches('*', 'abc')).toBe(true)
    expect(etagMatches('"abcd"', 'abc')).toBe(false)
    expect(etagMatches(null, 'abc')).toBe(false)
  })
})
