'use server'

import { revalidatePath } from 'next/cache'
import { redirect } from 'next/navigation'
import { z } from 'zod'
import { recordId } from '@/lib/forms/fields'
import { getViewer } from '@/lib/auth/viewer'
import { markAllRead, markRead, openNotification } from './inbox'

const notificationIdSchema = z.object({ notificationId: recordId })

function parseNotificationId(formData: FormData): string | null {
  const parsed = notificationIdSchema.safeParse({ notificationId: formData.get('notificationId') })
  return parsed.success ? parsed.data.notificationId : null
}

/** Marks one of the viewer's own notices read and goes to where it asks to act. */
export async function openNotificationAction(formData: FormData) {
  const viewer = await getViewer()
  if (!viewer) redirect('/login')
  const id = parseNotificationId(formData)
  const target = id ? await openNotification(viewer, id) : null
  revalidatePath('/', 'layout')
  redirect(target ?? '/notifications')
}

export async function markReadAction(formData: FormData) {
  const viewer = await getViewer()
  if (!viewer) redirect('/login')
  const id = parseNotificationId(formData)
  // Someone else's id, or one already read, changes nothing: the write is scoped to the viewer.
  if (id) await markRead(viewer, id)
  revalidatePath('/', 'layout')
}

export async function markAllReadAction() {
  const viewer = await getViewer()
  if (!viewer) redirect('/login')
  await markAllRead(viewer)
  revalidatePath('/', 'layout')
}
