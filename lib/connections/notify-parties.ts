import { createTranslator } from 'next-intl'
import type { Tx } from '@/lib/db/client'
import { locale } from '@/lib/i18n/config'
import { messages } from '@/lib/i18n/messages'
import { notify } from '@/lib/notifications/notify'
import { evaluateChecklist, unmetItems } from './checklist'
import { loadChecklistFacts } from './checklist-facts'
import { settleWaitingNotices, waitingKind } from '@/lib/workflow/notices'
import { activeMembers, centralStaff } from '@/lib/workflow/recipients'
import { nextPartyRoles, nextSteps, type CaseSnapshot, type NextParty } from './workflow'

const t = createTranslator({ locale, messages, namespace: 'connections' })

/**
 * The people behind each waiting party: active designations on the right side, or the DGD team. A
 * case a DGD head assigned to a reviewer asks that reviewer alone for the reviewers' steps.
 */
async function recipientsFor(
  tx: Tx,
  party: NextParty,
  c: { consumerId: string; providerId: string; assignedReviewerId?: string | null },
): Promise<string[]> {
  const { side, role } = nextPartyRoles[party]
  if (side === 'central') {
    const staff = await centralStaff(tx, role)
    if (role === 'DGD_REVIEWER' && c.assignedReviewerId && staff.includes(c.assignedReviewerId)) {
      return [c.assignedReviewerId]
    }
    return staff
  }
  return activeMembers(tx, side === 'CONSUMER' ? c.consumerId : c.providerId, [role])
}

/** Notices written before they named their step (see the notification_resolved_backfill migration). */
const legacyWaitingKind = (party: NextParty) => `case.waiting.${party}`

type NoticeCase = {
  id: string
  number: number
  consumerId: string
  providerId: string
  assignedReviewerId?: string | null
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
  await settleWaitingNotices(tx, {
    subject: { caseId: c.id },
    prefix: 'case.waiting.',
    before: before ? nextSteps(before) : null,
    after: nextSteps(after),
    alsoPending: (task) => [legacyWaitingKind(task.party)],
    recipientsOf: (task) => recipientsFor(tx, task.party, c),
    compose: async (task) => {
      const blocked = task.step === 'requestPromotion' ? await requestPromotionNotice(tx, c) : null
      return (
        blocked ?? {
          title: t('notify.title', { number: c.number, step: t(`steps.${task.step}.title`) }),
          body: t('notify.body', { service: c.serviceName, consumer: c.consumerName, number: c.number }),
        }
      )
    },
    link: `/connections/${c.id}`,
    exceptPersonId,
  })

  if (after.status === 'CONNECTED' && before?.status !== 'CONNECTED') await notifyConnected(tx, c, exceptPersonId)
}

/**
 * A case newly assigned to a reviewer: the other reviewers' pending notices are resolved (the step is
 * no longer theirs to take), and the assigned reviewer is asked for the reviewers' step the case waits
 * on now, if any and unless already asked.
 */
export async function notifyAssignedReviewer(tx: Tx, c: NoticeCase, snapshot: CaseSnapshot, reviewerId: string) {
  const now = new Date()
  await tx.notification.updateMany({
    where: {
      caseId: c.id,
      resolvedAt: null,
      kind: { startsWith: 'case.waiting.DGD_REVIEWER' },
      recipientId: { not: reviewerId },
    },
    data: { resolvedAt: now },
  })
  for (const task of nextSteps(snapshot).filter((s) => s.party === 'DGD_REVIEWER')) {
    const kind = waitingKind('case.waiting.', task)
    const asked = await tx.notification.findFirst({
      where: { caseId: c.id, recipientId: reviewerId, kind, resolvedAt: null },
      select: { id: true },
    })
    if (asked) continue
    await notify(tx, {
      recipientIds: [reviewerId],
      kind,
      title: t('notify.title', { number: c.number, step: t(`steps.${task.step}.title`) }),
      body: t('notify.body', { service: c.serviceName, consumer: c.consumerName, number: c.number }),
      link: `/connections/${c.id}`,
      caseId: c.id,
    })
  }
}

/** The consumer learns that its case is connected: its CTD, business and technical administrators. */
async function notifyConnected(tx: Tx, c: NoticeCase, exceptPersonId: string) {
  const recipientIds = (await activeMembers(tx, c.consumerId, ['CTD', 'BUSINESS_ADMIN', 'TECHNICAL_ADMIN'])).filter(
    (id) => id !== exceptPersonId,
  )
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
  const recipientIds = (await activeMembers(tx, c.consumerId, ['CTD', 'BUSINESS_ADMIN'])).filter(
    (id) => id !== exceptPersonId,
  )
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
