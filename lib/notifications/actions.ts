'use server'

import { revalidatePath } from 'next/cache'
import { redirect } from 'next/navigation'
import { z } from 'zod'
import { getViewer } from '@/lib/auth/viewer'
import { db } from '@/lib/db/client'

const openSchema = z.object({ notificationId: z.string().min(1).max(50) })

/** Marks one of the viewer's own notices read and goes to where it asks to act. */
export async function openNotificationAction(formData: FormData) {
  const viewer = await getViewer()
  if (!viewer) redirect('/login')
  const parsed = openSchema.safeParse({ notificationId: formData.get('notificationId') })
  if (!parsed.success) redirect('/notifications')
  const notice = await db.notification.findFirst({
    where: { id: parsed.data.notificationId, recipientId: viewer.personId },
    select: { id: true, link: true },
  })
  if (!notice) redirect('/notifications')
  await db.notification.updateMany({ where: { id: notice.id, recipientId: viewer.personId, readAt: null }, data: { readAt: new Date() } })
  revalidatePath('/', 'layout')
  redirect(notice.link.startsWith('/') ? notice.link : '/notifications')
}

export async function markAllReadAction() {
  const viewer = await getViewer()
  if (!viewer) redirect('/login')
  await db.notification.updateMany({ where: { recipientId: viewer.personId, readAt: null }, data: { readAt: new Date() } })
  revalidatePath('/', 'layout')
}
