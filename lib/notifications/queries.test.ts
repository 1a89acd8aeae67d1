import { describe, expect, it } from 'vitest'
import { loadViewer } from '@/lib/auth/load-viewer'
import { db } from '@/lib/db/client'
import { createPerson } from '@/prisma/factories'
import { notify } from './notify'
import { listNotifications, unreadCount } from './queries'

describe('the inbox', () => {
  it("shows a person only their own notices, newest first, and counts the unread", async () => {
    const ana = (await loadViewer((await createPerson(db)).id))!
    const other = (await loadViewer((await createPerson(db)).id))!
    await db.$transaction(async (tx) => {
      await notify(tx, { recipientIds: [ana.personId, ana.personId], kind: 't', title: 'Primero', body: 'x', link: '/' })
      await notify(tx, { recipientIds: [other.personId], kind: 't', title: 'Ajeno', body: 'x', link: '/' })
    })
    await db.$transaction((tx) => notify(tx, { recipientIds: [ana.personId], kind: 't', title: 'Segundo', body: 'x', link: '/' }))

    const inbox = await listNotifications(ana, 1)
    expect(inbox.rows.map((n) => n.title)).toEqual(['Segundo', 'Primero'])
    expect(await unreadCount(ana)).toBe(2)
    expect(await unreadCount(other)).toBe(1)
  })
})
