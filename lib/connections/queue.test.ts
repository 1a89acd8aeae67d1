import { describe, expect, it } from 'vitest'
import { loadViewer } from '@/lib/auth/load-viewer'
import { db } from '@/lib/db/client'
import { createCentralPerson, createInstitution, createMember, createService } from '@/prisma/factories'
import { requestMeeting, scheduleMeeting } from './cases'
import { workQueue } from './queries'

describe('workQueue', () => {
  it("lists, for each person, the cases waiting on their move, and nobody else's", async () => {
    const consumer = await createInstitution(db)
    const provider = await createInstitution(db)
    const service = await createService(db, provider.id)
    const ctd = (await loadViewer((await createMember(db, consumer.id, 'CTD')).id))!
    const business = (await loadViewer((await createMember(db, consumer.id, 'BUSINESS_ADMIN')).id))!
    const providerTech = (await loadViewer((await createMember(db, provider.id, 'TECHNICAL_ADMIN')).id))!
    const outsider = (await loadViewer((await createMember(db, (await createInstitution(db)).id, 'BUSINESS_ADMIN')).id))!
    const reviewer = (await loadViewer((await createCentralPerson(db, 'DGD_REVIEWER')).id))!

    const { id } = await requestMeeting(ctd, { consumerId: consumer.id, serviceId: service.id, requesterRole: 'CONSUMER', needs: 'x', preferredDates: [new Date('2026-12-01')] })

    expect((await workQueue(reviewer)).find((i) => i.caseId === id)?.action).toBe('scheduleMeeting')
    expect((await workQueue(business)).find((i) => i.caseId === id)?.action).toBe('requestAgreement')
    expect((await workQueue(providerTech)).find((i) => i.caseId === id)).toBeUndefined()
    expect((await workQueue(outsider)).find((i) => i.caseId === id)).toBeUndefined()

    await scheduleMeeting(reviewer, id, { meetingAt: new Date('2026-12-01T13:00:00Z'), meetingLink: 'https://meet.example.cl/x' })
    expect((await workQueue(reviewer)).find((i) => i.caseId === id)?.action).toBe('recordMeetingHeld')
  })
})
