import { authorize, type Principal } from '@/lib/auth/roles'
import { recordAudit } from '@/lib/audit/record'
import { db } from '@/lib/db/client'
import { DomainError } from '@/lib/errors'

/** Disables a person across the portal: they cannot sign in, and every open session ends now. */
export async function disablePerson(actor: Principal, personId: string) {
  authorize(actor, 'people.disable')
  if (actor.personId === personId) throw new DomainError('cannotDisableSelf')
  return db.$transaction(async (tx) => {
    const disabledAt = new Date()
    const { count } = await tx.person.updateMany({ where: { id: personId, disabledAt: null }, data: { disabledAt } })
    if (count !== 1) {
      const exists = await tx.person.count({ where: { id: personId } })
      throw new DomainError(exists ? 'personAlreadyDisabled' : 'notFound')
    }
    const { count: sessionsEnded } = await tx.session.deleteMany({ where: { personId } })
    await recordAudit(tx, {
      actorId: actor.personId,
      action: 'person.disable',
      targetType: 'Person',
      targetId: personId,
      before: { disabledAt: null },
      after: { disabledAt: disabledAt.toISOString(), sessionsEnded },
    })
  })
}
