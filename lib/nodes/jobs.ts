/**
 * The node access job (docs/decisions/014-nodes.md): the date-based changes of nodes' access, run on
 * a schedule by lib/jobs (h7's runner). Idempotent: every change is a conditional write, and every
 * notice is sent by the run whose write succeeded, so running it twice (or on two replicas at once)
 * changes and tells nothing twice. Dates are Chilean calendar days.
 *
 * - an agreement in force whose end date has passed → EXPIRED; one whose termination takes effect →
 *   TERMINATED; the case's grants record why they stopped, both parties' CTDs and business
 *   administrators are told;
 * - 30 days (or less) before an agreement's last day in force, both parties are told once per end date;
 * - credentials expiring within 30 and within 7 days: the node's technical administrators are told
 *   (reminded30At / reminded7At).
 */
import { createTranslator } from 'next-intl'
import { recordAudit } from '@/lib/audit/record'
import { effectiveAgreementStatus } from '@/lib/agreements/status'
import { db } from '@/lib/db/client'
import { formatCalendarDate, formatDate, todayInChile } from '@/lib/dates'
import { locale } from '@/lib/i18n/config'
import { messages } from '@/lib/i18n/messages'
import { notify } from '@/lib/notifications/notify'
import { membersWith, notifyCaseParties } from './credential-admin'
import { agreementLastDay } from './grants'

const t = createTranslator({ locale, messages, namespace: 'nodes' })
const DAY = 86_400_000

/** Whole Chilean calendar days from `now`'s date to `instant`'s date. */
function chileDaysUntil(instant: Date, now: Date): number {
  return Math.round((todayInChile(instant).getTime() - todayInChile(now).getTime()) / DAY)
}

export type NodeAccessJobResult = {
  agreementsExpired: number
  agreementsTerminated: number
  agreementEndingNotices: number
  credentialReminders30: number
  credentialReminders7: number
}

export async function runNodeAccessJob(now: Date): Promise<NodeAccessJobResult> {
  const result: NodeAccessJobResult = {
    agreementsExpired: 0,
    agreementsTerminated: 0,
    agreementEndingNotices: 0,
    credentialReminders30: 0,
    credentialReminders7: 0,
  }
  const today = todayInChile(now)

  // ── Agreements in force that have ended or are about to ──
  const inForce = await db.agreement.findMany({
    where: { status: 'IN_FORCE', OR: [{ endsOn: { not: null } }, { terminatesOn: { not: null } }] },
    select: {
      id: true,
      status: true,
      endsOn: true,
      terminatesOn: true,
      caseId: true,
      case: { select: { number: true, consumerId: true, providerId: true, service: { select: { name: true } } } },
    },
  })
  for (const agreement of inForce) {
    const c = agreement.case
    const status = effectiveAgreementStatus(agreement, now)
    if (status === 'EXPIRED' || status === 'TERMINATED') {
      const ended = await db.$transaction(async (tx) => {
        const { count } = await tx.agreement.updateMany({
          where: { id: agreement.id, status: 'IN_FORCE' },
          data: { status },
        })
        if (count !== 1) return false
        const reason = t(status === 'EXPIRED' ? 'stopReason.agreementExpired' : 'stopReason.agreementTerminated')
        await tx.accessGrant.updateMany({
          where: { caseId: agreement.caseId, revokedAt: null, endReason: null },
          data: { endReason: reason },
        })
        await recordAudit(tx, {
          actorId: null,
          action: status === 'EXPIRED' ? 'agreement.expire' : 'agreement.terminated',
          targetType: 'Agreement',
          targetId: agreement.id,
          institutionId: c.consumerId,
          before: { status: 'IN_FORCE' },
          after: { status, on: today.toISOString().slice(0, 10) },
        })
        await notifyCaseParties(tx, c, {
          kind: `agreement.${status === 'EXPIRED' ? 'expired' : 'terminated'}`,
          title: t('notify.accessStoppedTitle', { number: c.number }),
          body: t('notify.accessStoppedBody', { number: c.number, service: c.service.name, reason }),
          link: `/connections/${agreement.caseId}`,
          caseId: agreement.caseId,
        })
        return true
      })
      if (ended) result[status === 'EXPIRED' ? 'agreementsExpired' : 'agreementsTerminated']++
      continue
    }
    const lastDay = agreementLastDay(agreement)
    if (!lastDay) continue
    const daysLeft = Math.round((lastDay.getTime() - today.getTime()) / DAY)
    if (daysLeft < 0 || daysLeft > 30) continue
    // Once per end date: a renewal or a new termination date is a new notice.
    const kind = `agreement.ending.${lastDay.toISOString().slice(0, 10)}`
    const told = await db.$transaction(async (tx) => {
      // Serialized on the agreement's row, so two runs at once do not both find no notice.
      await tx.$queryRaw`SELECT id FROM "Agreement" WHERE id = ${agreement.id} FOR UPDATE`
      if (await tx.notification.findFirst({ where: { caseId: agreement.caseId, kind }, select: { id: true } })) {
        return false
      }
      const date = formatCalendarDate(lastDay)
      await notifyCaseParties(tx, c, {
        kind,
        title: t('notify.agreementEndingTitle', { number: c.number, date }),
        body: t('notify.agreementEndingBody', { number: c.number, service: c.service.name, date }),
        link: `/connections/${agreement.caseId}`,
        caseId: agreement.caseId,
      })
      return true
    })
    if (told) result.agreementEndingNotices++
  }

  // ── Credentials about to expire ──
  const horizon = new Date(now.getTime() + 31 * DAY)
  const expiring = await db.nodeCredential.findMany({
    where: {
      revokedAt: null,
      retiresAt: null,
      expiresAt: { gt: now, lte: horizon },
      OR: [{ reminded30At: null }, { reminded7At: null }],
      node: { revokedAt: null },
    },
    select: {
      id: true,
      keyId: true,
      expiresAt: true,
      reminded30At: true,
      reminded7At: true,
      node: { select: { name: true, institutionId: true } },
    },
  })
  for (const credential of expiring) {
    const days = chileDaysUntil(credential.expiresAt, now)
    const stage = days <= 7 ? '7' : days <= 30 ? '30' : null
    if (!stage || (stage === '7' ? credential.reminded7At : credential.reminded30At)) continue
    const sent = await db.$transaction(async (tx) => {
      const { count } = await tx.nodeCredential.updateMany({
        where: { id: credential.id, ...(stage === '7' ? { reminded7At: null } : { reminded30At: null }) },
        // A 7-day reminder also answers for the 30-day one.
        data:
          stage === '7' ? { reminded7At: now, reminded30At: credential.reminded30At ?? now } : { reminded30At: now },
      })
      if (count !== 1) return false
      const date = formatDate(credential.expiresAt)
      await notify(tx, {
        recipientIds: await membersWith(tx, [credential.node.institutionId], ['TECHNICAL_ADMIN']),
        kind: `node.credential.expiring.${stage}`,
        title: t('notify.credentialExpiringTitle', { node: credential.node.name, date }),
        body: t('notify.credentialExpiringBody', {
          node: credential.node.name,
          keyId: credential.keyId,
          date,
          days: Math.max(days, 0),
        }),
        link: `/institutions/${credential.node.institutionId}#nodes`,
      })
      return true
    })
    if (sent) result[stage === '7' ? 'credentialReminders7' : 'credentialReminders30']++
  }
  return result
}
