import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db/client'
import { createNotification, createPerson } from '@/prisma/factories'
import { markAllRead, markRead, openNotification } from './inbox'
import { notify } from './notify'
import { INBOX_PAGE_SIZE, listNotifications, unreadCount } from './queries'

const reader = async () => ({ personId: (await createPerson(db)).id })
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000)

describe('notify', () => {
  it('writes one notice per distinct recipient in the caller’s transaction', async () => {
    const [ana, beto] = [await reader(), await reader()]
    const seenInside = await db.$transaction(async (tx) => {
      await notify(tx, {
        recipientIds: [ana.personId, beto.personId, ana.personId],
        kind: 'case.waiting.DGD_REVIEWER',
        title: 'Caso N° 7: espera tu revisión',
        body: 'El caso N° 7 espera tu acción.',
        link: '/connections/c7',
        caseId: 'c7',
      })
      return tx.notification.count({ where: { recipientId: { in: [ana.personId, beto.personId] } } })
    })
    expect(seenInside).toBe(2)
    const rows = await db.notification.findMany({ where: { recipientId: ana.personId } })
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({
      kind: 'case.waiting.DGD_REVIEWER',
      title: 'Caso N° 7: espera tu revisión',
      link: '/connections/c7',
      caseId: 'c7',
      readAt: null,
      emailedAt: null,
    })
  })

  it('leaves nothing behind when the transaction that owed the notice rolls back', async () => {
    const ana = await reader()
    await expect(
      db.$transaction(async (tx) => {
        await notify(tx, { recipientIds: [ana.personId], kind: 'test', title: 'x', body: 'x', link: '/' })
        throw new Error('step refused')
      }),
    ).rejects.toThrow('step refused')
    expect(await db.notification.count({ where: { recipientId: ana.personId } })).toBe(0)
  })
})

describe('the inbox', () => {
  it('lists only the viewer’s own notices, newest first, a page at a time', async () => {
    const [ana, other] = [await reader(), await reader()]
    await createNotification(db, ana.personId, { title: 'Primero', createdAt: minutesAgo(30) })
    await createNotification(db, other.personId, { title: 'Ajeno', createdAt: minutesAgo(20) })
    await createNotification(db, ana.personId, { title: 'Segundo', createdAt: minutesAgo(10) })

    const inbox = await listNotifications(ana)
    expect(inbox.rows.map((n) => n.title)).toEqual(['Segundo', 'Primero'])
    expect(inbox).toMatchObject({ total: 2, page: 1, pageCount: 1 })

    for (let i = 0; i < INBOX_PAGE_SIZE; i++) await createNotification(db, ana.personId, { title: `Nuevo ${i}` })
    const second = await listNotifications(ana, { page: 2 })
    expect(second).toMatchObject({ total: INBOX_PAGE_SIZE + 2, page: 2, pageCount: 2 })
    expect(second.rows.map((n) => n.title)).toEqual(['Segundo', 'Primero'])
    expect((await listNotifications(ana, { page: -3 })).page).toBe(1)
  })

  it('counts only the viewer’s unread notices', async () => {
    const [ana, other] = [await reader(), await reader()]
    await createNotification(db, ana.personId)
    await createNotification(db, ana.personId)
    await createNotification(db, ana.personId, { readAt: new Date() })
    await createNotification(db, other.personId)
    expect(await unreadCount(ana)).toBe(2)
    expect(await unreadCount(other)).toBe(1)
  })

  it('marks read only the viewer’s own notice, once', async () => {
    const [ana, intruder] = [await reader(), await reader()]
    const notice = await createNotification(db, ana.personId)

    expect(await markRead(intruder, notice.id)).toBe(false)
    expect((await db.notification.findUniqueOrThrow({ where: { id: notice.id } })).readAt).toBeNull()

    expect(await markRead(ana, notice.id)).toBe(true)
    expect(await markRead(ana, notice.id)).toBe(false)
    expect(await unreadCount(ana)).toBe(0)
  })

  it('marks all read in the viewer’s inbox and nobody else’s', async () => {
    const [ana, other] = [await reader(), await reader()]
    await createNotification(db, ana.personId)
    await createNotification(db, ana.personId)
    await createNotification(db, other.personId)
    expect(await markAllRead(ana)).toBe(2)
    expect(await unreadCount(ana)).toBe(0)
    expect(await unreadCount(other)).toBe(1)
  })

  it('opens a notice: marks it read and returns its portal path; never someone else’s, never off the portal', async () => {
    const [ana, intruder] = [await reader(), await reader()]
    const notice = await createNotification(db, ana.personId, { link: '/connections/c9' })
    expect(await openNotification(intruder, notice.id)).toBeNull()
    expect(await unreadCount(ana)).toBe(1)

    expect(await openNotification(ana, notice.id)).toBe('/connections/c9')
    expect(await unreadCount(ana)).toBe(0)

    const offsite = await createNotification(db, ana.personId, { link: '//evil.example/x' })
    expect(await openNotification(ana, offsite.id)).toBe('/notifications')
  })
})

describe('resolved notices', () => {
  it('are listed as history but not counted as pending', async () => {
    const ana = await reader()
    await createNotification(db, ana.personId, { title: 'Pendiente' })
    const done = await createNotification(db, ana.personId, { title: 'Hecho' })
    await db.notification.update({ where: { id: done.id }, data: { resolvedAt: new Date() } })
    expect(await unreadCount(ana)).toBe(1)
    const inbox = await listNotifications(ana)
    expect(inbox.rows.map((n) => [n.title, n.resolvedAt !== null]).sort()).toEqual([
      ['Hecho', true],
      ['Pendiente', false],
    ])
  })
})
