import type { Tx } from '@/lib/db/client'

/** The record a notice is about, so that the step that settles it can find it. */
export type NoticeSubject = { caseId: string } | { publicationRequestId: string }

export type NewNotification = {
  recipientIds: string[]
  kind: string
  title: string
  body: string
  /** Where in the portal to act on it, e.g. "/connections/abc". */
  link: string
  caseId?: string
  publicationRequestId?: string
}

/**
 * Writes one in-app notice per recipient inside the caller's transaction, so a step and the notices
 * it owes commit together. E-mail follows after commit (./mailer.ts).
 */
export async function notify(tx: Tx, notification: NewNotification): Promise<void> {
  const recipients = [...new Set(notification.recipientIds)]
  if (recipients.length === 0) return
  await tx.notification.createMany({
    data: recipients.map((recipientId) => ({
      recipientId,
      kind: notification.kind,
      title: notification.title,
      body: notification.body,
      link: notification.link,
      caseId: notification.caseId ?? null,
      publicationRequestId: notification.publicationRequestId ?? null,
    })),
  })
}
