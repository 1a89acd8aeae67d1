import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db/client'
import { caseAt } from '@/test/support/scenario'
import { consumersAllowedToCall, effectiveGrantsForNode, grantState, type AgreementFacts } from './grants'

/** An instant in Chile (UTC−3 in summer): "2027-01-31T23:59" local. */
const chile = (local: string) => new Date(`${local}:00-03:00`)
const day = (iso: string) => new Date(`${iso}T00:00:00Z`)
const live = { revokedAt: null }
const dev = { environment: 'DEVELOPMENT' as const, revokedAt: null }
const prod = { environment: 'PRODUCTION' as const, revokedAt: null }
const inForce = (over: Partial<NonNullable<AgreementFacts>> = {}): AgreementFacts => ({
  status: 'IN_FORCE',
  endsOn: null,
  terminatesOn: null,
  ...over,
})

describe('grantState', () => {
  it('production follows the agreement in force, to the Chilean day', () => {
    const endsOn = inForce({ endsOn: day('2027-01-31') })
    expect(grantState(prod, endsOn, live, chile('2027-01-31T23:59'))).toEqual({ effective: true })
    expect(grantState(prod, endsOn, live, chile('2027-02-01T00:00'))).toEqual({
      effective: false,
      reason: 'agreementExpired',
    })
    // 2027-02-01 02:30 UTC is still 31 January in Chile.
    expect(grantState(prod, endsOn, live, new Date('2027-02-01T02:30:00Z'))).toEqual({ effective: true })

    const terminates = inForce({ terminatesOn: day('2027-03-15') })
    expect(grantState(prod, terminates, live, chile('2027-03-14T23:59')).effective).toBe(true)
    expect(grantState(prod, terminates, live, chile('2027-03-15T00:00'))).toEqual({
      effective: false,
      reason: 'agreementTerminated',
    })
    for (const status of ['REQUESTED', 'APPROVED'] as const) {
      expect(grantState(prod, inForce({ status }), live, chile('2027-01-01T12:00'))).toEqual({
        effective: false,
        reason: 'agreementNotInForce',
      })
    }
    expect(grantState(prod, inForce({ status: 'EXPIRED' }), live, chile('2027-01-01T12:00')).effective).toBe(false)
    expect(grantState(prod, inForce({ status: 'TERMINATED' }), live, chile('2027-01-01T12:00')).effective).toBe(false)
  })

  it('development needs no agreement in force yet, but stops when it ends', () => {
    const at = chile('2027-01-10T12:00')
    expect(grantState(dev, inForce({ status: 'APPROVED' }), live, at)).toEqual({ effective: true })
    expect(grantState(dev, inForce(), live, at)).toEqual({ effective: true })
    expect(grantState(dev, inForce({ endsOn: day('2027-01-09') }), live, at)).toEqual({
      effective: false,
      reason: 'agreementExpired',
    })
    expect(grantState(dev, inForce({ status: 'REJECTED' }), live, at)).toEqual({
      effective: false,
      reason: 'agreementRejected',
    })
  })

  it('a revoked grant or node is never effective; a service without agreement depends on neither date', () => {
    const at = chile('2027-01-10T12:00')
    expect(grantState({ ...prod, revokedAt: at }, inForce(), live, at)).toEqual({
      effective: false,
      reason: 'grantRevoked',
    })
    expect(grantState(prod, inForce(), { revokedAt: at }, at)).toEqual({ effective: false, reason: 'nodeRevoked' })
    expect(grantState(prod, null, live, at)).toEqual({ effective: true })
  })
})

describe('effective grants', () => {
  it('list what a connected consumer node may call, and who may call the provider, until the agreement ends', async () => {
    const c = await caseAt('connected')
    const grant = await db.accessGrant.findUniqueOrThrow({
      where: { caseId_environment: { caseId: c.caseId, environment: 'PRODUCTION' } },
      select: { nodeId: true },
    })
    const now = new Date()
    const [listed] = await effectiveGrantsForNode(grant.nodeId, now)
    expect(listed).toMatchObject({
      caseId: c.caseId,
      environment: 'PRODUCTION',
      provider: { id: c.provider.id, name: c.provider.name },
      service: { code: c.service.code },
      endpoint: c.service.prodEndpoint,
      consumer: { id: c.consumer.id },
      agreement: { lastDay: null },
    })
    expect((await consumersAllowedToCall(c.provider.id, 'PRODUCTION', now)).map((g) => g.caseId)).toEqual([c.caseId])
    expect(await consumersAllowedToCall(c.consumer.id, 'PRODUCTION', now)).toEqual([])

    await db.agreement.update({ where: { caseId: c.caseId }, data: { endsOn: day('2027-01-31') } })
    expect(await effectiveGrantsForNode(grant.nodeId, chile('2027-01-31T23:59'))).toHaveLength(1)
    expect(await effectiveGrantsForNode(grant.nodeId, chile('2027-02-01T00:00'))).toEqual([])
    expect(await consumersAllowedToCall(c.provider.id, 'PRODUCTION', chile('2027-02-01T00:00'))).toEqual([])
  })
})
