import { describe, expect, it } from 'vitest'
import { loadViewer } from '@/lib/auth/load-viewer'
import { db } from '@/lib/db/client'
import { createCentralPerson, createInstitution, createMember, createService } from '@/prisma/factories'
import { requestMeeting, scheduleMeeting } from './cases'
import { workQueue } from './queries'
import { caseAt } from '@/test/support/scenario'

const stepOf = async (viewer: Parameters<typeof workQueue>[0], caseId: string) =>
  (await workQueue(viewer, { limit: 10_000 })).items.find((i) => i.caseId === caseId)?.step

describe('workQueue', () => {
  it("lists, for each person, the cases waiting on their move, and nobody else's", async () => {
    const consumer = await createInstitution(db)
    const provider = await createInstitution(db)
    const service = await createService(db, provider.id)
    const ctd = (await loadViewer((await createMember(db, consumer.id, 'CTD')).id))!
    const business = (await loadViewer((await createMember(db, consumer.id, 'BUSINESS_ADMIN')).id))!
    const providerTech = (await loadViewer((await createMember(db, provider.id, 'TECHNICAL_ADMIN')).id))!
    const outsider = (await loadViewer(
      (await createMember(db, (await createInstitution(db)).id, 'BUSINESS_ADMIN')).id,
    ))!
    const reviewer = (await loadViewer((await createCentralPerson(db, 'DGD_REVIEWER')).id))!

    const { id } = await requestMeeting(ctd, {
      consumerId: consumer.id,
      serviceId: service.id,
      requesterRole: 'CONSUMER',
      needs: 'x',
      preferredDates: [new Date('2026-12-01')],
    })

    expect(await stepOf(reviewer, id)).toBe('scheduleMeeting')
    expect(await stepOf(business, id)).toBe('requestAgreement')
    expect(await stepOf(providerTech, id)).toBeUndefined()
    expect(await stepOf(outsider, id)).toBeUndefined()

    await scheduleMeeting(reviewer, id, {
      meetingAt: new Date('2026-12-01T13:00:00Z'),
      meetingLink: 'https://meet.example.cl/x',
    })
    expect(await stepOf(reviewer, id)).toBe('recordMeetingHeld')
  })

  it('asks of each person what the notices asked of them: the head approves promotions, not meetings', async () => {
    const reviewed = await caseAt('promotionReviewed')
    const requested = await caseAt('meetingRequested')
    const { head, reviewer } = reviewed.people
    expect(await stepOf(head, reviewed.caseId)).toBe('approvePromotion')
    expect(await stepOf(head, requested.caseId)).toBeUndefined()
    expect(await stepOf(reviewer, requested.caseId)).toBe('scheduleMeeting')
    const notices = await db.notification.findMany({
      where: { caseId: requested.caseId },
      select: { recipientId: true },
    })
    expect(notices.map((n) => n.recipientId)).toContain(reviewer.personId)
    expect(notices.map((n) => n.recipientId)).not.toContain(head.personId)
  })

  it('finds a case waiting on the viewer behind more than 500 open cases that do not, and counts them all', async () => {
    const consumer = await createInstitution(db)
    const provider = await createInstitution(db)
    const requester = await createMember(db, consumer.id, 'CTD')
    const business = (await loadViewer((await createMember(db, consumer.id, 'BUSINESS_ADMIN')).id))!
    // 501 services: the first 500 need no agreement (their cases wait on the DGD only), the last one needs one.
    const codes = Array.from({ length: 501 }, (_, i) => `Q-${consumer.id}-${i}`)
    await db.service.createMany({
      data: codes.map((code, i) => ({
        code,
        name: `Servicio ${code}`,
        description: 'x',
        providerId: provider.id,
        version: '1',
        protocol: 'REST' as const,
        requiresAgreement: i === 500,
        devEndpoint: 'https://dev.example.gob.cl',
        prodEndpoint: 'https://api.example.gob.cl',
      })),
    })
    const services = await db.service.findMany({ where: { code: { in: codes } }, select: { id: true, code: true } })
    const byCode = new Map(services.map((s) => [s.code, s.id]))
    const start = Date.now() - 10 * 86_400_000
    await db.connectionCase.createMany({
      data: codes.map((code, i) => ({
        consumerId: consumer.id,
        providerId: provider.id,
        serviceId: byCode.get(code)!,
        requesterRole: 'CONSUMER' as const,
        needs: 'x',
        requestedById: requester.id,
        // Oldest first: the one case that waits on the business administrator is the newest.
        updatedAt: new Date(start + i * 1000),
      })),
    })
    const waiting = await db.connectionCase.findFirstOrThrow({
      where: { serviceId: byCode.get(codes[500]!)! },
      select: { id: true },
    })

    const queue = await workQueue(business)
    expect(queue.items.map((i) => [i.caseId, i.step])).toEqual([[waiting.id, 'requestAgreement']])
    expect(queue.total).toBe(1)
  })

  it('lists the oldest first, up to the limit, and counts every case waiting', async () => {
    const c = await caseAt('meetingRequested')
    const second = await requestMeeting(c.people.consumerCtd, {
      consumerId: c.consumer.id,
      serviceId: (await createService(db, c.provider.id)).id,
      requesterRole: 'CONSUMER',
      needs: 'x',
      preferredDates: [new Date('2026-12-01')],
    })
    const queue = await workQueue(c.people.consumerBusiness, { limit: 1 })
    expect(queue.total).toBe(2)
    expect(queue.items.map((i) => i.caseId)).toEqual([c.caseId])
    expect(second.id).not.toBe(c.caseId)
  })
})
