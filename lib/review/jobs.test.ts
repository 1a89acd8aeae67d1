import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db/client'
import { DomainError } from '@/lib/errors'
import { createInstitution, createMember, createService } from '@/prisma/factories'
import { caseAt, viewer } from '@/test/support/scenario'
import { jobs } from '@/lib/jobs/registry'
import { deprecateSchemaVersion, deprecateService, isStale, runCatalogReviewJob } from './jobs'

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

    // The portal runs it daily; a day later, the same service is not told again, the fresh one is.
    const registered = jobs.find((job) => job.name === 'catalog-review')
    expect(registered?.everyMs).toBe(24 * 60 * 60 * 1000)
    const nextDay = new Date('2031-06-17T12:00:00Z')
    await registered!.run(nextDay)
    const after = await db.notification.findMany({
      where: {
        kind: 'catalog.stale',
        link: { in: [`/catalog/services/${stale.id}`, `/catalog/services/${fresh.id}`] },
      },
      select: { link: true },
    })
    expect(after.filter((n) => n.link === `/catalog/services/${stale.id}`)).toHaveLength(2)
    expect(after.filter((n) => n.link === `/catalog/services/${fresh.id}`)).toHaveLength(2)
  })

  it('leaves drafts, deprecated services and services already told alone', async () => {
    const now = new Date('2031-06-15T12:00:00Z')
    const provider = await createInstitution(db)
    await createMember(db, provider.id, 'TECHNICAL_ADMIN')
    const old = new Date('2029-01-01T00:00:00Z')
    const [draft, deprecated, told] = await Promise.all([
      createService(db, provider.id),
      createService(db, provider.id),
      createService(db, provider.id),
    ])
    await db.service.update({ where: { id: draft.id }, data: { status: 'DRAFT', lastReviewedAt: old } })
    await db.service.update({ where: { id: deprecated.id }, data: { status: 'DEPRECATED', lastReviewedAt: old } })
    await db.service.update({ where: { id: told.id }, data: { lastReviewedAt: old, staleNotifiedAt: old } })
    await runCatalogReviewJob(now)
    const notices = await db.notification.count({
      where: { kind: 'catalog.stale', link: { in: [draft, deprecated, told].map((s) => `/catalog/services/${s.id}`) } },
    })
    expect(notices).toBe(0)
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

describe('deprecateSchemaVersion', { timeout: 60_000 }, () => {
  it('tells the consumers of every service using the schema, once the last published version goes the schema is deprecated', async () => {
    const s = await caseAt('agreementInForce')
    const code = `SCH-${s.service.id.slice(-8).toUpperCase()}`
    const schema = await db.schema.create({
      data: {
        code,
        name: 'Esquema de prueba',
        description: 'Persona',
        kind: 'BASAL',
        format: 'JSON_SCHEMA',
        ownerId: s.provider.id,
        status: 'PUBLISHED',
        versions: {
          create: [
            { version: '1.0', status: 'PUBLISHED', content: '{}', contentSha256: 'x', changes: 'Primera' },
            { version: '2.0', status: 'DRAFT', content: '{}', contentSha256: 'y', changes: 'Segunda' },
          ],
        },
        services: { create: [{ serviceId: s.service.id }] },
      },
      include: { versions: true },
    })
    const v1 = schema.versions.find((v) => v.version === '1.0')!
    const draft = schema.versions.find((v) => v.version === '2.0')!
    const stopsOn = new Date(Date.UTC(new Date().getUTCFullYear() + 1, 5, 30))
    await expect(deprecateSchemaVersion(s.people.consumerTech, v1.id, { stopsOn, reason: 'x' })).rejects.toThrow()
    await expect(
      deprecateSchemaVersion(s.people.providerTech, draft.id, { stopsOn, reason: 'x' }),
    ).rejects.toMatchObject({ code: 'publicationWrongState' })

    const told = await deprecateSchemaVersion(s.people.providerTech, v1.id, { stopsOn, reason: 'Usar la 2.0' })
    expect(told.consumers).toBe(1)
    const notices = await db.notification.findMany({
      where: { kind: 'catalog.deprecated', link: `/catalog/schemas/${schema.id}` },
      select: { recipientId: true, title: true },
    })
    expect(notices.map((n) => n.recipientId).sort()).toEqual(
      [s.people.consumerCtd, s.people.consumerBusiness, s.people.consumerTech].map((p) => p.personId).sort(),
    )
    expect(notices[0]!.title).toContain(`v1.0 deja de funcionar el 30-06-${stopsOn.getUTCFullYear()}`)
    expect(await db.schema.findUniqueOrThrow({ where: { id: schema.id } })).toMatchObject({
      status: 'DEPRECATED',
      stopsOn,
    })
    expect(
      await db.auditEvent.count({
        where: { action: 'schemaVersion.deprecate', targetId: v1.id, actorId: s.people.providerTech.personId },
      }),
    ).toBe(1)
  })
})
