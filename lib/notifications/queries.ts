import 'server-only'
import { cache } from 'react'
import type { Viewer } from '@/lib/auth/load-viewer'
import { unreadCountReadWith } from '@/lib/auth/session-viewer'
import { db } from '@/lib/db/client'

export const INBOX_PAGE_SIZE = 20

export type InboxNotification = {
  id: string
  title: string
  body: string
  link: string
  caseId: string | null
  createdAt: Date
  readAt: Date | null
  /** Set when what it asked for was done (by anyone) or its case moved on: kept as history, no longer pending. */
  resolvedAt: Date | null
}

export type Inbox = { rows: InboxNotification[]; total: number; page: number; pageCount: number }

/** The viewer's own notices still pending: unread, and not resolved by the step they asked for being done. */
export async function unreadCount(viewer: Pick<Viewer, 'personId'>): Promise<number> {
  // Read in the same statement as the request's viewer (lib/auth/session-viewer.ts) when it was.
  return unreadCountReadWith(viewer) ?? unreadCountOf(viewer.personId)
}

/** Once per request: the header and the inbox both show it. */
const unreadCountOf = cache((personId: string) =>
  db.notification.count({ where: { recipientId: personId, readAt: null, resolvedAt: null } }),
)

/** The viewer's own notices, newest first, INBOX_PAGE_SIZE a page (the inbox is shallow: OFFSET is fine). */
export async function listNotifications(
  viewer: Pick<Viewer, 'personId'>,
  { page = 1 }: { page?: number } = {},
): Promise<Inbox> {
  const where = { recipientId: viewer.personId }
  const current = Number.isSafeInteger(page) && page > 0 ? page : 1
  const [rows, total] = await Promise.all([
    db.notification.findMany({
      where,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      skip: (current - 1) * INBOX_PAGE_SIZE,
      take: INBOX_PAGE_SIZE,
      select: {
        id: true,
        title: true,
        body: true,
        link: true,
        caseId: true,
        createdAt: true,
        readAt: true,
        resolvedAt: true,
      },
    }),
    db.notification.count({ where }),
  ])
  return { rows, total, page: current, pageCount: Math.max(1, Math.ceil(total / INBOX_PAGE_SIZE)) }
}
