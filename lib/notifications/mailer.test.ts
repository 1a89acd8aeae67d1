import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { db } from '@/lib/db/client'
import { createNotification, createPerson } from '@/prisma/factories'
import { log } from '@/lib/log/logger'
import { startSmtpCapture } from '@/test/support/smtp-capture'
import { composeMail, deliverPendingEmails } from './mailer'

let smtp: Awaited<ReturnType<typeof startSmtpCapture>>
const saved = { SMTP_URL: process.env.SMTP_URL, PORTAL_URL: process.env.PORTAL_URL, AUTH_URL: process.env.AUTH_URL }

beforeAll(async () => {
  smtp = await startSmtpCapture()
  process.env.PORTAL_URL = 'https://portal.example.gob.cl'
})

// Other test files leave hundreds of notices pending in the shared database; they are not this
// file's to deliver, and mailing them would only slow it down.
beforeEach(async () => {
  await db.notification.updateMany({ where: { emailedAt: null }, data: { emailedAt: new Date() } })
})

afterEach(() => {
  process.env.SMTP_URL = smtp.url
  vi.restoreAllMocks()
})

afterAll(async () => {
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key]
    else process.env[key] = value
  }
  await smtp.stop()
})

const emailedAt = async (id: string) => (await db.notification.findUniqueOrThrow({ where: { id } })).emailedAt

describe('deliverPendingEmails over SMTP', () => {
  it('sends each notice to its recipient with its subject, text and absolute link, exactly once under concurrent deliveries', async () => {
    process.env.SMTP_URL = smtp.url
    const ana = await createPerson(db, { name: 'Ana Núñez' })
    const beto = await createPerson(db)
    const notices = [
      await createNotification(db, ana.id, {
        title: 'Caso N° 7: un acuerdo espera tu revisión',
        body: 'El caso N° 7 espera tu acción en el Portal PISEE.',
        link: '/connections/abc',
      }),
      await createNotification(db, ana.id, { title: 'Caso N° 8: espera tu firma' }),
      await createNotification(db, beto.id, { title: 'Caso N° 9: designación pendiente' }),
    ]

    await Promise.all([deliverPendingEmails(), deliverPendingEmails(), deliverPendingEmails()])
    await deliverPendingEmails()

    const toAna = smtp.mails.filter((m) => m.to.includes(ana.email!))
    expect(toAna.map((m) => m.subject).sort()).toEqual([
      'Caso N° 7: un acuerdo espera tu revisión',
      'Caso N° 8: espera tu firma',
    ])
    const first = toAna.find((m) => m.subject.startsWith('Caso N° 7'))!
    expect(first.to).toEqual([ana.email])
    expect(first.text).toContain('El caso N° 7 espera tu acción en el Portal PISEE.')
    expect(first.text).toContain('https://portal.example.gob.cl/connections/abc')
    expect(smtp.mails.filter((m) => m.to.includes(beto.email!)).map((m) => m.subject)).toEqual([
      'Caso N° 9: designación pendiente',
    ])
    for (const n of notices) expect(await emailedAt(n.id)).not.toBeNull()
  })

  it('does not mail a person without an e-mail address, nor a notice already mailed', async () => {
    process.env.SMTP_URL = smtp.url
    const noEmail = await createPerson(db, { email: null })
    const pending = await createNotification(db, noEmail.id, { title: 'Sin correo' })
    const ana = await createPerson(db)
    await createNotification(db, ana.id, { title: 'Ya enviado', emailedAt: new Date() })

    await deliverPendingEmails()
    expect(await emailedAt(pending.id)).toBeNull()
    expect(smtp.mails.some((m) => m.subject === 'Sin correo' || m.to.includes(ana.email!))).toBe(false)
  })

  it('keeps a notice pending when the SMTP server is unreachable, and sends it on the next delivery', async () => {
    const ana = await createPerson(db)
    const notice = await createNotification(db, ana.id, { title: 'Reintento' })
    const error = vi.spyOn(log, 'error')
    process.env.SMTP_URL = 'smtp://127.0.0.1:1'
    await expect(deliverPendingEmails()).resolves.toBe(0)
    expect(await emailedAt(notice.id)).toBeNull()
    expect(error).toHaveBeenCalledWith(
      expect.objectContaining({ noticeId: notice.id, recipientId: ana.id }),
      'mail could not be sent; will retry',
    )

    process.env.SMTP_URL = smtp.url
    await deliverPendingEmails()
    expect(smtp.mails.filter((m) => m.to.includes(ana.email!)).map((m) => m.subject)).toEqual(['Reintento'])
    expect(await emailedAt(notice.id)).not.toBeNull()
  })
})

describe('deliverPendingEmails without SMTP_URL (the demo)', () => {
  it('writes the mail to the server log and marks it sent', async () => {
    delete process.env.SMTP_URL
    const ana = await createPerson(db)
    const notice = await createNotification(db, ana.id, {
      title: 'Aviso de demostración',
      body: 'Revisa el caso.',
      link: '/connections/demo',
    })
    const info = vi.spyOn(log, 'info')
    const before = smtp.mails.length

    await deliverPendingEmails()

    const logged = info.mock.calls.map((args) => JSON.stringify(args)).find((line) => line.includes(ana.email!))
    expect(logged).toContain('Aviso de demostración')
    expect(logged).toContain('Revisa el caso.')
    expect(logged).toContain('https://portal.example.gob.cl/connections/demo')
    expect(await emailedAt(notice.id)).not.toBeNull()
    expect(smtp.mails.length).toBe(before)
  })
})

describe('composeMail', () => {
  it('links to AUTH_URL’s origin when PORTAL_URL is unset, and escapes the HTML part', () => {
    delete process.env.PORTAL_URL
    process.env.AUTH_URL = 'https://pisee.example.gob.cl/api/auth'
    try {
      const mail = composeMail({
        title: 't',
        body: 'A <b> & "c"',
        link: '/notifications',
        recipient: { name: 'Ana', email: 'ana@example.gob.cl' },
      })
      expect(mail.text).toContain('https://pisee.example.gob.cl/notifications')
      expect(mail.html).toContain('A &lt;b&gt; &amp; &quot;c&quot;')
      expect(mail.from).toBe(process.env.MAIL_FROM || '"Portal PISEE" <no-reply@digital.gob.cl>')
    } finally {
      process.env.PORTAL_URL = 'https://portal.example.gob.cl'
      delete process.env.AUTH_URL
    }
  })
})
