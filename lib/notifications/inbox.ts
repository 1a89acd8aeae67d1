/**
 * A person's own inbox: marking notices read. Every write is scoped by recipientId in its `where`, so
 * an id from someone else's inbox changes nothing.
 */
import { db } from '@/lib/db/client'

type Reader = { personId: string }

/** True when this call marked it; false when it was already read or is not the reader's. */
export async function markRead(reader: Reader, notificationId: string): Promise<boolean> {
  const { count } = await db.notification.updateMany({
    where: { id: notificationId, recipientId: reader.personId, readAt: null },
    data: { readAt: new Date() },
  })
  return count === 1
}

/** How many were marked. */
export async function markAllRead(reader: Reader): Promise<number> {
  const { count } = await db.notification.updateMany({
    where: { recipientId: reader.personId, readAt: null },
    data: { readAt: new Date() },
  })
  return count
}

/** Only a path inside the portal: "/connections/abc", never "//elsewhere.example" or a full URL. */
export function isPortalPath(link: string): boolean {
  return link.startsWith('/') && !link.startsWith('//') && !link.startsWith('/\\')
}

/** Marks the reader's notice read and returns where to act on it; null when it is not theirs. */
export async function openNotification(reader: Reader, notificationId: string): Promise<string | null> {
  const notice = await db.notification.findFirst({
    where: { id: notificationId, recipientId: reader.personId },
    select: { id: true, link: true },
  })
  if (!notice) return null
  await markRead(reader, notice.id)
  return isPortalPath(notice.link) ? notice.link : '/notifications'
}
