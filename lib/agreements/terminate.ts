import { authorizeInCase, type Principal } from '@/lib/auth/roles'
import { recordAudit } from '@/lib/audit/record'
import { db } from '@/lib/db/client'
import { formatCalendarDate, todayInChile } from '@/lib/dates'
import { DomainError } from '@/lib/errors'
import { earliestTerminationDate, effectiveAgreementStatus } from './status'

/**
 * Either party's business administrator ends an agreement in force, with at least 30 days' notice.
 * The agreement stays in force until `terminatesOn`.
 */
export async function terminateAgreement(
  actor: Principal,
  agreementId: string,
  input: { terminatesOn: Date; reason: string },
  now = new Date(),
) {
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Agreement" WHERE id = ${agreementId} FOR UPDATE`
    if (rows.length === 0) throw new DomainError('notFound')
    const agreement = await tx.agreement.findUniqueOrThrow({
      where: { id: agreementId },
      select: {
        id: true,
        status: true,
        endsOn: true,
        terminatesOn: true,
        case: { select: { id: true, consumerId: true, providerId: true } },
      },
    })
    authorizeInCase(actor, agreement.case, 'agreements.terminate')
    if (effectiveAgreementStatus(agreement, now) !== 'IN_FORCE' || agreement.terminatesOn)
      throw new DomainError('caseWrongState')
    // The notice is given on today's date in Chile, and the 30 days count from it.
    const noticeOn = todayInChile(now)
    const earliest = earliestTerminationDate(noticeOn)
    if (input.terminatesOn < earliest)
      throw new DomainError('cooperationTerminationTooSoon', { date: formatCalendarDate(earliest) })

    const { count } = await tx.agreement.updateMany({
      where: { id: agreementId, status: 'IN_FORCE', terminatesOn: null },
      data: { terminationNoticeOn: noticeOn, terminatesOn: input.terminatesOn, terminationReason: input.reason },
    })
    if (count !== 1) throw new DomainError('caseWrongState')
    await recordAudit(tx, {
      actorId: actor.personId,
      action: 'agreement.terminate',
      targetType: 'Agreement',
      targetId: agreementId,
      institutionId: agreement.case.consumerId,
      before: { terminatesOn: null },
      after: {
        terminationNoticeOn: noticeOn.toISOString(),
        terminatesOn: input.terminatesOn.toISOString(),
        reason: input.reason,
      },
    })
  })
}
