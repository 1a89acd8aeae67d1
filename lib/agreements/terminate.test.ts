import { describe, expect, it } from 'vitest'
import { loadViewer } from '@/lib/auth/load-viewer'
import { ForbiddenError } from '@/lib/auth/roles'
import { db } from '@/lib/db/client'
import { DomainError } from '@/lib/errors'
import { createInstitution, createMember, createService } from '@/prisma/factories'
import { terminateAgreement } from './terminate'

const now = new Date('2026-11-22T12:00:00Z')

async function agreementInForce() {
  const consumer = await createInstitution(db)
  const provider = await createInstitution(db)
  const service = await createService(db, provider.id)
  const requester = await createMember(db, consumer.id, 'CTD')
  const connection = await db.connectionCase.create({
    data: {
      consumerId: consumer.id,
      providerId: provider.id,
      serviceId: service.id,
      requesterRole: 'CONSUMER',
      needs: 'x',
      requestedById: requester.id,
    },
  })
  const agreement = await db.agreement.create({
    data: {
      caseId: connection.id,
      kind: 'CONVENIO',
      status: 'IN_FORCE',
      legalBasis: 'x',
      purpose: 'x',
      procedure: 'x',
      dataRequested: 'x',
      expectedVolume: 'x',
      requestedById: requester.id,
    },
  })
  const consumerBusiness = (await loadViewer((await createMember(db, consumer.id, 'BUSINESS_ADMIN')).id))!
  const providerBusiness = (await loadViewer((await createMember(db, provider.id, 'BUSINESS_ADMIN')).id))!
  const consumerCtd = (await loadViewer(requester.id))!
  return { agreement, consumerBusiness, providerBusiness, consumerCtd }
}

describe('terminateAgreement', () => {
  it('lets either party end it with 30 days notice, once', async () => {
    const s = await agreementInForce()
    await terminateAgreement(
      s.providerBusiness,
      s.agreement.id,
      { terminatesOn: new Date('2026-12-22'), reason: 'Cambio normativo' },
      now,
    )
    const ended = await db.agreement.findUniqueOrThrow({ where: { id: s.agreement.id } })
    expect(ended).toMatchObject({ terminationReason: 'Cambio normativo', terminatesOn: new Date('2026-12-22') })
    await expect(
      terminateAgreement(
        s.consumerBusiness,
        s.agreement.id,
        { terminatesOn: new Date('2027-01-30'), reason: 'x' },
        now,
      ),
    ).rejects.toThrow(new DomainError('caseWrongState'))
    expect(await db.auditEvent.count({ where: { targetId: s.agreement.id, action: 'agreement.terminate' } })).toBe(1)
  })

  it('refuses less than 30 days of notice, and other roles', async () => {
    const s = await agreementInForce()
    await expect(
      terminateAgreement(
        s.consumerBusiness,
        s.agreement.id,
        { terminatesOn: new Date('2026-12-21'), reason: 'x' },
        now,
      ),
    ).rejects.toMatchObject({ code: 'cooperationTerminationTooSoon', values: { date: '22-12-2026' } })
    await expect(
      terminateAgreement(s.consumerCtd, s.agreement.id, { terminatesOn: new Date('2027-01-30'), reason: 'x' }, now),
    ).rejects.toThrow(ForbiddenError)
    expect((await db.agreement.findUniqueOrThrow({ where: { id: s.agreement.id } })).terminatesOn).toBeNull()
  })

  it("counts the notice from today's date in Chile: late on the 21st in Chile is still the 21st", async () => {
    const s = await agreementInForce()
    // 2026-11-21 at 22:30 in Chile (UTC-3) is already the 22nd in UTC.
    const lateEvening = new Date('2026-11-22T01:30:00Z')
    await terminateAgreement(
      s.providerBusiness,
      s.agreement.id,
      { terminatesOn: new Date('2026-12-21'), reason: 'Cambio normativo' },
      lateEvening,
    )
    const ended = await db.agreement.findUniqueOrThrow({ where: { id: s.agreement.id } })
    expect(ended).toMatchObject({ terminationNoticeOn: new Date('2026-11-21'), terminatesOn: new Date('2026-12-21') })
  })
})
