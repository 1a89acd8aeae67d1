import 'server-only'
import type { Viewer } from '@/lib/auth/load-viewer'
import { db } from '@/lib/db/client'

export const INBOX_PAGE_SIZE = 20

/** Only the viewer's own notices, ever. */
export async function unreadCount(viewer: Viewer): Promise<number> {
  return db.notification.count({ where: { recipientId: viewer.personId, readAt: null } })
}

export async function listNotifications(viewer: Viewer, page: number) {
  const where = { recipientId: viewer.personId }
  const [rows, total] = await Promise.all([
    db.notification.findMany({
      where,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      skip: (page - 1) * INBOX_PAGE_SIZE,
      take: INBOX_PAGE_SIZE,
      select: { id: true, title: true, body: true, link: true, createdAt: true, readAt: true },
    }),
    db.notification.count({ where }),
  ])
  return { rows, total, pageCount: Math.max(1, Math.ceil(total / INBOX_PAGE_SIZE)) }
}
