/**
 * The notices of the review chain, through the shared waiting-notices machinery (lib/workflow):
 * whoever a request newly waits on is asked, what it no longer waits on is resolved; the requester is
 * told when it is returned (with the reasons) and when it is published (with the note).
 */
import { createTranslator } from 'next-intl'
import type { Tx } from '@/lib/db/client'
import { locale } from '@/lib/i18n/config'
import { messages } from '@/lib/i18n/messages'
import { notify } from '@/lib/notifications/notify'
import { settleWaitingNotices } from '@/lib/workflow/notices'
import { activeMembers, centralStaff } from '@/lib/workflow/recipients'
import { publicationNextSteps, type PublicationNextStep, type PublicationSnapshot } from './workflow'

const t = createTranslator({ locale, messages, namespace: 'review' })

type NoticeRequest = {
  id: string
  number: number
  institutionId: string
  requestedById: string
  returnReason: string | null
  service: { code: string; name: string } | null
  schema: { code: string; name: string } | null
}

const subjectName = (r: NoticeRequest) => {
  const entry = r.service ?? r.schema
  return entry ? `${entry.name} (${entry.code})` : ''
}

/** The people behind a party of this request. */
async function recipientsOf(tx: Tx, r: NoticeRequest, s: PublicationSnapshot, task: PublicationNextStep) {
  switch (task.party) {
    case 'DGD_HEAD': {
      const heads = await centralStaff(tx, 'DGD_HEAD')
      return heads.filter((id) => id !== s.noteAuthorId && id !== s.leadApprovedById)
    }
    case 'ASSIGNED_REVIEWER':
      return s.reviewerId ? [s.reviewerId] : []
    case 'DGD_LEAD':
      return (await centralStaff(tx, 'DGD_REVIEWER')).filter((id) => id !== s.noteAuthorId)
    case 'REQUESTER_TECHNICAL_ADMIN':
      return activeMembers(tx, r.institutionId, ['TECHNICAL_ADMIN'])
  }
}

/** Settles the request's notices after a step, in its transaction. */
export async function settlePublicationNotices(
  tx: Tx,
  r: NoticeRequest,
  before: PublicationSnapshot | null,
  after: PublicationSnapshot,
  exceptPersonId: string,
) {
  // The assigned reviewer's task names them: a reassignment resolves the former reviewer's notice.
  const tasks = (s: PublicationSnapshot) =>
    publicationNextSteps(s).map((task) => ({
      ...task,
      assignee: task.party === 'ASSIGNED_REVIEWER' ? s.reviewerId : null,
    }))
  await settleWaitingNotices(tx, {
    subject: { publicationRequestId: r.id },
    prefix: 'publication.waiting.',
    before: before ? tasks(before) : null,
    after: tasks(after),
    recipientsOf: (task) => recipientsOf(tx, r, after, task),
    compose: async (task) =>
      task.step === 'resubmit'
        ? {
            title: t('notify.returnedTitle', { number: r.number }),
            body: t('notify.returnedBody', { number: r.number, subject: subjectName(r), reason: r.returnReason ?? '' }),
          }
        : {
            title: t('notify.title', { number: r.number, step: t(`steps.${task.step}.title`) }),
            body: t('notify.body', { number: r.number, subject: subjectName(r) }),
          },
    link: `/catalog/requests/${r.id}`,
    exceptPersonId,
  })
}

/** The requester, and the institution's technical administrators, receive the note: it is published. */
export async function notifyNoteDelivered(tx: Tx, r: NoticeRequest, exceptPersonId: string) {
  const recipientIds = [r.requestedById, ...(await activeMembers(tx, r.institutionId, ['TECHNICAL_ADMIN']))].filter(
    (id) => id !== exceptPersonId,
  )
  await notify(tx, {
    recipientIds,
    kind: 'publication.published',
    title: t('notify.publishedTitle', { number: r.number, subject: subjectName(r) }),
    body: t('notify.publishedBody', { number: r.number, subject: subjectName(r) }),
    link: `/catalog/requests/${r.id}`,
    publicationRequestId: r.id,
  })
}
