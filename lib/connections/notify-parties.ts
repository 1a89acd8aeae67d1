import { createTranslator } from 'next-intl'
import type { Tx } from '@/lib/db/client'
import { locale } from '@/lib/i18n/config'
import { messages } from '@/lib/i18n/messages'
import { notify } from '@/lib/notifications/notify'
import { nextSteps, type CaseSnapshot, type NextParty, type NextStep } from './workflow'

const t = createTranslator({ locale, messages, namespace: 'connections' })

/** The people behind each waiting party: active designations on the right side, or the DGD team. */
async function recipientsFor(tx: Tx, party: NextParty, consumerId: string, providerId: string): Promise<string[]> {
  const member = async (institutionId: string, role: 'CTD' | 'TECHNICAL_ADMIN' | 'BUSINESS_ADMIN') =>
    (
      await tx.membership.findMany({
        where: { institutionId, role, endedAt: null, person: { disabledAt: null } },
        select: { personId: true },
      })
    ).map((m) => m.personId)
  const central = async (role: 'DGD_REVIEWER' | 'DGD_HEAD') =>
    (await tx.centralRoleAssignment.findMany({ where: { role, endedAt: null, person: { disabledAt: null } }, select: { personId: true } })).map(
      (r) => r.personId,
    )
  switch (party) {
    case 'DGD_REVIEWER':
      return central('DGD_REVIEWER')
    case 'DGD_HEAD':
      return central('DGD_HEAD')
    case 'CONSUMER_BUSINESS_ADMIN':
      return member(consumerId, 'BUSINESS_ADMIN')
    case 'PROVIDER_BUSINESS_ADMIN':
      return member(providerId, 'BUSINESS_ADMIN')
    case 'CONSUMER_TECHNICAL_ADMIN':
      return member(consumerId, 'TECHNICAL_ADMIN')
    case 'CONSUMER_CTD':
      return member(consumerId, 'CTD')
  }
}

type Task = NextStep

function tasksOf(snapshot: CaseSnapshot | null): Task[] {
  return snapshot ? nextSteps(snapshot) : []
}

/**
 * Tells every party the case now waits on for a new step (a business administrator asked to request
 * the agreement is asked again to sign it), in the transaction of the step that made it wait: an in-app notice now, an e-mail once the transaction has committed.
 */
export async function notifyWaitingParties(
  tx: Tx,
  c: { id: string; number: number; consumerId: string; providerId: string; serviceName: string; consumerName: string },
  before: CaseSnapshot | null,
  after: CaseSnapshot,
  exceptPersonId: string,
) {
  const key = (task: Task) => `${task.party}:${task.step}`
  const already = new Set(tasksOf(before).map(key))
  for (const task of tasksOf(after).filter((task) => !already.has(key(task)))) {
    const recipientIds = (await recipientsFor(tx, task.party, c.consumerId, c.providerId)).filter((id) => id !== exceptPersonId)
    if (recipientIds.length === 0) continue
    await notify(tx, {
      recipientIds,
      kind: `case.waiting.${task.party}`,
      title: t('notify.title', { number: c.number, step: t(`steps.${task.step}.title`) }),
      body: t('notify.body', { service: c.serviceName, consumer: c.consumerName, number: c.number }),
      link: `/connections/${c.id}`,
      caseId: c.id,
    })
  }
}

/**
 * Tells the consumer's CTD and business administrators that the provider rejected the agreement,
 * which ends the case; nobody acts next, but the people who asked must know why.
 */
export async function notifyAgreementRejected(
  tx: Tx,
  c: { id: string; number: number; consumerId: string; providerId: string; serviceName: string },
  reason: string,
  exceptPersonId: string,
) {
  const recipientIds = [
    ...new Set([
      ...(await recipientsFor(tx, 'CONSUMER_CTD', c.consumerId, c.providerId)),
      ...(await recipientsFor(tx, 'CONSUMER_BUSINESS_ADMIN', c.consumerId, c.providerId)),
    ]),
  ].filter((id) => id !== exceptPersonId)
  if (recipientIds.length === 0) return
  await notify(tx, {
    recipientIds,
    kind: 'case.agreementRejected',
    title: t('notify.rejectedTitle', { number: c.number }),
    body: t('notify.rejectedBody', { number: c.number, service: c.serviceName, reason }),
    link: `/connections/${c.id}`,
    caseId: c.id,
  })
}
