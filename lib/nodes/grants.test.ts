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

describe("grantState at a past instant (the traces registry asks about an exchange's time)", () => {
  const grantedAt = chile('2026-01-05T10:00')
  const inForceFrom = chile('2026-01-06T09:30')
  const prodGrant = { ...prod, grantedAt }
  const devGrant = { ...dev, grantedAt }

  it('is in force from the grant and, in production, from the agreement coming into force', () => {
    const agreement = inForce({ inForceFrom, endsOn: day('2026-01-31') })
    expect(grantState(prodGrant, agreement, live, chile('2026-01-05T09:59'))).toEqual({
      effective: false,
      reason: 'grantNotYetIssued',
    })
    expect(grantState(prodGrant, agreement, live, chile('2026-01-06T09:29'))).toEqual({
      effective: false,
      reason: 'agreementNotInForce',
    })
    expect(grantState(prodGrant, agreement, live, inForceFrom)).toEqual({ effective: true })
    // Development needs the grant only: the agreement is approved, not yet in force.
    expect(grantState(devGrant, agreement, live, chile('2026-01-05T10:00'))).toEqual({ effective: true })
  })

  it("ends with the agreement on Chile's calendar, in both environments, also once recorded as ended", () => {
    for (const status of ['IN_FORCE', 'EXPIRED'] as const) {
      const agreement = inForce({ status, inForceFrom, endsOn: day('2026-01-31') })
      for (const grant of [prodGrant, devGrant]) {
        expect(grantState(grant, agreement, live, chile('2026-01-31T23:59')).effective).toBe(true)
        // 03:30 UTC on 1 February is 00:30 in Chile: the day after the end date.
        expect(grantState(grant, agreement, live, new Date('2026-02-01T03:30:00Z'))).toEqual({
          effective: false,
          reason: 'agreementExpired',
        })
        // 02:30 UTC on 1 February is still 31 January in Chile (UTC−3 in summer).
        expect(grantState(grant, agreement, live, new Date('2026-02-01T02:30:00Z')).effective).toBe(true)
      }
    }
    // Recorded as ended with its date still ahead: ended when recorded, at an unknown moment.
    const early = inForce({ status: 'EXPIRED', inForceFrom, endsOn: new Date(Date.now() + 30 * 86_400_000) })
    expect(grantState(prodGrant, early, live, chile('2026-01-10T12:00')).effective).toBe(false)
    // Winter time (UTC−4): 03:30 UTC on 1 July is still 30 June in Chile.
    const winter = inForce({ inForceFrom, endsOn: day('2026-06-30') })
    expect(grantState(prodGrant, winter, live, new Date('2026-07-01T03:30:00Z')).effective).toBe(true)
    expect(grantState(prodGrant, winter, live, new Date('2026-07-01T04:00:00Z')).effective).toBe(false)

    // A termination takes effect on its date: the day before is the last in force.
    const terminated = inForce({ status: 'TERMINATED', inForceFrom, terminatesOn: day('2026-03-15') })
    expect(grantState(prodGrant, terminated, live, chile('2026-03-14T23:59')).effective).toBe(true)
    expect(grantState(devGrant, terminated, live, chile('2026-03-15T00:00'))).toEqual({
      effective: false,
      reason: 'agreementTerminated',
    })
  })

  it("stops at the grant's or the node's revocation, and never rests on a rejected agreement", () => {
    const agreement = inForce({ inForceFrom })
    const revokedAt = chile('2026-02-10T15:00')
    expect(grantState({ ...prodGrant, revokedAt }, agreement, live, chile('2026-02-10T14:59')).effective).toBe(true)
    expect(grantState({ ...prodGrant, revokedAt }, agreement, live, revokedAt)).toEqual({
      effective: false,
      reason: 'grantRevoked',
    })
    expect(grantState(prodGrant, agreement, { revokedAt }, chile('2026-02-10T14:59')).effective).toBe(true)
    expect(grantState(devGrant, agreement, { revokedAt }, chile('2026-02-11T00:00'))).toEqual({
      effective: false,
      reason: 'nodeRevoked',
    })
    expect(grantState(devGrant, inForce({ status: 'REJECTED' }), live, chile('2026-01-10T12:00')).effective).toBe(false)
    // No agreement required: the grant's own window only.
    expect(grantState(prodGrant, null, live, chile('2026-01-05T10:00')).effective).toBe(true)
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
