import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '@/lib/db/client'
import { startSmtpCapture } from '@/test/support/smtp-capture'
import { createPerson } from '@/prisma/factories'
import { deliverPendingEmails } from './mailer'
import { notify } from './notify'

let smtp: Awaited<ReturnType<typeof startSmtpCapture>>

beforeAll(async () => {
  smtp = await startSmtpCapture()
  process.env.SMTP_URL = smtp.url
  process.env.PORTAL_URL = 'https://portal.example.gob.cl'
})

afterAll(async () => {
  delete process.env.SMTP_URL
  delete process.env.PORTAL_URL
  await smtp.stop()
})

describe('deliverPendingEmails', () => {
  it('sends each notice once over SMTP, to its recipient, with the link to act on it', async () => {
    const person = await createPerson(db, { name: 'Ana Núñez' })
    await db.$transaction((tx) =>
      notify(tx, {
        recipientIds: [person.id],
        kind: 'test',
        title: 'Caso N° 7: un acuerdo espera tu revisión',
        body: 'El caso N° 7 espera tu acción en el Portal PISEE.',
        link: '/connections/abc',
      }),
    )

    // Two deliveries at once: the mail goes out exactly once.
    await Promise.all([deliverPendingEmails(), deliverPendingEmails()])
    const mine = smtp.mails.filter((m) => m.to.includes(person.email!))
    expect(mine).toHaveLength(1)
    expect(mine[0]!.subject).toBe('Caso N° 7: un acuerdo espera tu revisión')
    expect(mine[0]!.text).toContain('El caso N° 7 espera tu acción en el Portal PISEE.')
    expect(mine[0]!.text).toContain('https://portal.example.gob.cl/connections/abc')
    expect((await db.notification.findFirstOrThrow({ where: { recipientId: person.id } })).emailedAt).not.toBeNull()
  })

  it('writes nothing when the transaction that owed the notice rolls back', async () => {
    const person = await createPerson(db)
    await expect(
      db.$transaction(async (tx) => {
        await notify(tx, { recipientIds: [person.id], kind: 'test', title: 'x', body: 'x', link: '/' })
        throw new Error('step refused')
      }),
    ).rejects.toThrow('step refused')
    expect(await db.notification.count({ where: { recipientId: person.id } })).toBe(0)
  })

  it('keeps a notice pending when the SMTP server is unreachable, and sends it later', async () => {
    const person = await createPerson(db)
    await db.$transaction((tx) => notify(tx, { recipientIds: [person.id], kind: 'test', title: 'Reintento', body: 'x', link: '/' }))
    process.env.SMTP_URL = 'smtp://127.0.0.1:1'
    await deliverPendingEmails()
    expect((await db.notification.findFirstOrThrow({ where: { recipientId: person.id } })).emailedAt).toBeNull()
    process.env.SMTP_URL = smtp.url
    await deliverPendingEmails()
    expect(smtp.mails.some((m) => m.to.includes(person.email!) && m.subject === 'Reintento')).toBe(true)
  })
})
