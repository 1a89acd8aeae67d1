import { createTranslator } from 'next-intl'
import type { Tx } from '@/lib/db/client'
import { locale } from '@/lib/i18n/config'
import { messages } from '@/lib/i18n/messages'
import { notify } from '@/lib/notifications/notify'
import { evaluateChecklist, unmetItems } from './checklist'
import { loadChecklistFacts } from './checklist-facts'
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
    (
      await tx.centralRoleAssignment.findMany({
        where: { role, endedAt: null, person: { disabledAt: null } },
        select: { personId: true },
      })
    ).map((r) => r.personId)
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

/** A waiting notice names its party and step, so that the move that does the step resolves it. */
const waitingKind = (task: Task) => `case.waiting.${task.party}.${task.step}`
/** Notices written before they named their step (see the notification_resolved_backfill migration). */
const legacyWaitingKind = (party: NextParty) => `case.waiting.${party}`

type NoticeCase = {
  id: string
  number: number
  consumerId: string
  providerId: string
  serviceName: string
  consumerName: string
}

/** What the CTD is told when asked to request the promotion: what the checklist still misses, if anything. */
async function requestPromotionNotice(tx: Tx, c: NoticeCase) {
  const unmet = unmetItems(evaluateChecklist(await loadChecklistFacts(tx, c.id, new Date())))
  if (unmet.length === 0) return null
  const missing = unmet.map((item) => `${t(`checklistItem.${item}`)} (${t(`checklistHowTo.${item}`)})`).join('; ')
  return {
    title: t('notify.promotionBlockedTitle', { number: c.number }),
    body: t('notify.promotionBlockedBody', {
      number: c.number,
      service: c.serviceName,
      consumer: c.consumerName,
      missing,
    }),
  }
}

/**
 * Settles a case's notices after a move, in the move's transaction:
 * - every notice that asked for a step the case no longer waits on (done by anyone, or the case moved
 *   on) is resolved: it stays in its recipients' inboxes as history but no longer counts as pending;
 * - every party the case now waits on for a new step is told (a business administrator asked to
 *   request the agreement is asked again to sign it): an in-app notice now, an e-mail once committed;
 * - when the case has just been connected, the consumer's CTD and administrators are told.
 */
export async function notifyWaitingParties(
  tx: Tx,
  c: NoticeCase,
  before: CaseSnapshot | null,
  after: CaseSnapshot,
  exceptPersonId: string,
) {
  const pending = tasksOf(after)
  await tx.notification.updateMany({
    where: {
      caseId: c.id,
      resolvedAt: null,
      kind: {
        startsWith: 'case.waiting.',
        notIn: [...pending.map(waitingKind), ...pending.map((task) => legacyWaitingKind(task.party))],
      },
    },
    data: { resolvedAt: new Date() },
  })

  const key = (task: Task) => `${task.party}:${task.step}`
  const already = new Set(tasksOf(before).map(key))
  for (const task of pending.filter((task) => !already.has(key(task)))) {
    const recipientIds = (await recipientsFor(tx, task.party, c.consumerId, c.providerId)).filter(
      (id) => id !== exceptPersonId,
    )
    if (recipientIds.length === 0) continue
    const blocked = task.step === 'requestPromotion' ? await requestPromotionNotice(tx, c) : null
    await notify(tx, {
      recipientIds,
      kind: waitingKind(task),
      title: blocked?.title ?? t('notify.title', { number: c.number, step: t(`steps.${task.step}.title`) }),
      body: blocked?.body ?? t('notify.body', { service: c.serviceName, consumer: c.consumerName, number: c.number }),
      link: `/connections/${c.id}`,
      caseId: c.id,
    })
  }

  if (after.status === 'CONNECTED' && before?.status !== 'CONNECTED') await notifyConnected(tx, c, exceptPersonId)
}

/** The consumer learns that its case is connected: its CTD, business and technical administrators. */
async function notifyConnected(tx: Tx, c: NoticeCase, exceptPersonId: string) {
  const recipientIds = [
    ...new Set([
      ...(await recipientsFor(tx, 'CONSUMER_CTD', c.consumerId, c.providerId)),
      ...(await recipientsFor(tx, 'CONSUMER_BUSINESS_ADMIN', c.consumerId, c.providerId)),
      ...(await recipientsFor(tx, 'CONSUMER_TECHNICAL_ADMIN', c.consumerId, c.providerId)),
    ]),
  ].filter((id) => id !== exceptPersonId)
  await notify(tx, {
    recipientIds,
    kind: 'case.connected',
    title: t('notify.connectedTitle', { number: c.number }),
    body: t('notify.connectedBody', { number: c.number, service: c.serviceName, consumer: c.consumerName }),
    link: `/connections/${c.id}`,
    caseId: c.id,
  })
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
