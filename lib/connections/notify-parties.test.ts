import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db/client'
import { createMember } from '@/prisma/factories'
import { approveAgreement, rejectAgreement } from './cases'
import { caseAt, levels } from '@/test/support/scenario'

const titlesFor = async (personId: string, caseId: string) =>
  (await db.notification.findMany({ where: { recipientId: personId, caseId }, orderBy: { createdAt: 'asc' }, select: { title: true } })).map(
    (n) => n.title.replace(/N° \d+/, 'N° X'),
  )

describe('who is told what a case now waits on', () => {
  it('asks the business administrators of both sides to sign once the provider approved, naming the step', async () => {
    const c = await caseAt('agreementRequested')
    const secondProviderAdmin = await createMember(db, c.provider.id, 'BUSINESS_ADMIN')
    await approveAgreement(c.people.providerBusiness, c.caseId, levels)

    expect(await titlesFor(c.people.consumerBusiness.personId, c.caseId)).toEqual([
      'Caso N° X: Solicitar el acuerdo al proveedor',
      'Caso N° X: Firmar el acuerdo',
    ])
    // The case already waited on the provider (to review); now it waits on it for something else: to sign.
    // (Designated after the request, this administrator was never asked to review.)
    expect(await titlesFor(secondProviderAdmin.id, c.caseId)).toEqual(['Caso N° X: Firmar el acuerdo'])
    // Whoever made the move is not told about it.
    expect(await titlesFor(c.people.providerBusiness.personId, c.caseId)).toEqual(['Caso N° X: Aprobar el acuerdo'])
  })

  it("tells the consumer's CTD and business administrator why a rejected agreement closed the case", async () => {
    const c = await caseAt('agreementRequested')
    await rejectAgreement(c.people.providerBusiness, c.caseId, 'La finalidad no justifica el acceso.')
    for (const person of [c.people.consumerCtd, c.people.consumerBusiness]) {
      const notice = await db.notification.findFirstOrThrow({ where: { recipientId: person.personId, caseId: c.caseId, kind: 'case.agreementRejected' } })
      expect(notice.title).toMatch(/^Caso N° \d+: el proveedor rechazó el acuerdo$/)
      expect(notice.body).toMatch(/y el caso quedó cerrado; puedes abrir un nuevo caso cuando lo hayas resuelto\. Motivo del rechazo: La finalidad no justifica el acceso\.$/)
    }
    expect(await db.notification.count({ where: { recipientId: c.people.consumerTech.personId, caseId: c.caseId, kind: 'case.agreementRejected' } })).toBe(0)
  })
})
