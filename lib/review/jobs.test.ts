import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db/client'
import { DomainError } from '@/lib/errors'
import { createInstitution, createMember, createService } from '@/prisma/factories'
import { caseAt, viewer } from '@/test/support/scenario'
import { deprecateService, isStale, runCatalogReviewJob } from './jobs'

describe('runCatalogReviewJob', { timeout: 60_000 }, () => {
  it('flags a service not reviewed in 12 months and tells its provider once, with a fixed clock', async () => {
    const now = new Date('2031-06-15T12:00:00Z')
    const provider = await createInstitution(db)
    const [tech, ctd, business] = await Promise.all([
      createMember(db, provider.id, 'TECHNICAL_ADMIN'),
      createMember(db, provider.id, 'CTD'),
      createMember(db, provider.id, 'BUSINESS_ADMIN'),
    ])
    const stale = await createService(db, provider.id)
    const fresh = await createService(db, provider.id)
    await db.service.update({ where: { id: stale.id }, data: { lastReviewedAt: new Date('2030-06-14T12:00:00Z') } })
    await db.service.update({ where: { id: fresh.id }, data: { lastReviewedAt: new Date('2030-06-16T12:00:00Z') } })
    expect(isStale({ lastReviewedAt: new Date('2030-06-14T12:00:00Z'), createdAt: now }, now)).toBe(true)

    await Promise.all([runCatalogReviewJob(now), runCatalogReviewJob(now)])
    await runCatalogReviewJob(now)

    const notices = await db.notification.findMany({
      where: {
        kind: 'catalog.stale',
        link: { in: [`/catalog/services/${stale.id}`, `/catalog/services/${fresh.id}`] },
      },
      select: { recipientId: true, link: true },
    })
    expect(notices.map((n) => n.recipientId).sort()).toEqual([tech.id, ctd.id].sort())
    expect(notices.every((n) => n.link === `/catalog/services/${stale.id}`)).toBe(true)
    expect(notices.some((n) => n.recipientId === business.id)).toBe(false)
    expect((await db.service.findUniqueOrThrow({ where: { id: stale.id } })).staleNotifiedAt).toEqual(now)
    expect((await db.service.findUniqueOrThrow({ where: { id: fresh.id } })).staleNotifiedAt).toBeNull()
  })
})

describe('deprecateService', { timeout: 60_000 }, () => {
  it('tells every consumer with an agreement (CTD, business and technical administrators) the date it stops', async () => {
    const s = await caseAt('agreementInForce')
    const now = new Date()
    const stopsOn = new Date(Date.UTC(now.getUTCFullYear() + 1, 0, 31))
    await expect(
      deprecateService(s.people.outsiderTech, s.service.id, { stopsOn, reason: 'Reemplazado' }),
    ).rejects.toThrow()
    await expect(
      deprecateService(s.people.providerTech, s.service.id, { stopsOn: new Date('2020-01-01'), reason: 'x' }),
    ).rejects.toBeInstanceOf(DomainError)

    const told = await deprecateService(s.people.providerTech, s.service.id, { stopsOn, reason: 'Reemplazado por v2' })
    expect(told.consumers).toBe(1)
    const notices = await db.notification.findMany({
      where: { kind: 'catalog.deprecated', link: `/catalog/services/${s.service.id}` },
      select: { recipientId: true, title: true, body: true },
    })
    const consumerSide = [s.people.consumerCtd, s.people.consumerBusiness, s.people.consumerTech].map((p) => p.personId)
    expect(notices.map((n) => n.recipientId).sort()).toEqual(consumerSide.sort())
    expect(notices[0]!.title).toContain(`31-01-${stopsOn.getUTCFullYear()}`)
    expect(notices[0]!.body).toContain('Reemplazado por v2')
    const service = await db.service.findUniqueOrThrow({ where: { id: s.service.id } })
    expect(service).toMatchObject({ status: 'DEPRECATED', stopsOn })
    await expect(
      deprecateService(await viewer(s.people.reviewer.personId), s.service.id, { stopsOn, reason: 'x' }),
    ).rejects.toMatchObject({ code: 'alreadyDeprecated' })
  })
})
