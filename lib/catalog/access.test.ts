import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db/client'
import { scenario } from '@/test/support/scenario'
import { accessPathFor, askCtdForAccess } from './access'

describe('"Solicitar acceso" from a service page', { timeout: 60_000 }, () => {
  it('lets a CTD of another institution request it, and hands the request from its other members to its CTDs, once a day', async () => {
    const s = await scenario()
    const service = { status: 'PUBLISHED', providerId: s.provider.id }
    expect((await accessPathFor(s.people.outsiderCtd, service)).kind).toBe('request')
    expect((await accessPathFor(s.people.providerTech, service)).kind).toBe('own')
    expect((await accessPathFor(s.people.outsiderTech, { ...service, status: 'DEPRECATED' })).kind).toBe('notPublished')
    const path = await accessPathFor(s.people.outsiderTech, service)
    expect(path).toMatchObject({ kind: 'askCtd', institutionId: s.outsider.id, institutionName: s.outsider.name })
    expect(path.kind === 'askCtd' && path.ctds.map((c) => c.name)).toEqual([
      (await db.person.findUniqueOrThrow({ where: { id: s.people.outsiderCtd.personId } })).name,
    ])

    await expect(askCtdForAccess(s.people.providerTech, s.service.id, '')).rejects.toMatchObject({ code: 'forbidden' })
    await expect(askCtdForAccess(s.people.outsiderCtd, s.service.id, '')).rejects.toMatchObject({ code: 'forbidden' })

    const told = await askCtdForAccess(s.people.outsiderTech, s.service.id, 'Para el trámite de subsidios')
    expect(told).toEqual({ recipients: 1 })
    const notices = await db.notification.findMany({
      where: { kind: 'catalog.accessAsked', link: `/connections/new?service=${s.service.id}` },
      select: { recipientId: true, body: true },
    })
    expect(notices.map((n) => n.recipientId)).toEqual([s.people.outsiderCtd.personId])
    expect(notices[0]!.body).toContain('Para el trámite de subsidios')
    expect(
      await db.auditEvent.count({
        where: { action: 'service.accessAsked', targetId: s.service.id, actorId: s.people.outsiderTech.personId },
      }),
    ).toBe(1)

    await expect(askCtdForAccess(s.people.outsiderTech, s.service.id, '')).rejects.toMatchObject({
      code: 'accessAlreadyAsked',
    })
    // The business administrator asks on their own account.
    await askCtdForAccess(s.people.outsiderBusiness, s.service.id, '')
    expect(
      await db.notification.count({
        where: { kind: 'catalog.accessAsked', recipientId: s.people.outsiderCtd.personId },
      }),
    ).toBe(2)
  })

  it('refuses when the institution has no CTD to hand it to, writing nothing', async () => {
    const s = await scenario()
    await db.membership.updateMany({
      where: { institutionId: s.outsider.id, role: 'CTD' },
      data: { endedAt: new Date() },
    })
    const path = await accessPathFor(s.people.outsiderTech, { status: 'PUBLISHED', providerId: s.provider.id })
    expect(path).toMatchObject({ kind: 'askCtd', ctds: [] })
    await expect(askCtdForAccess(s.people.outsiderTech, s.service.id, '')).rejects.toMatchObject({
      code: 'accessNoCtd',
    })
    expect(await db.auditEvent.count({ where: { action: 'service.accessAsked', targetId: s.service.id } })).toBe(0)
  })
})
