/**
 * E-mail for every in-app notice, sent after the transaction that created it has committed. Each mail
 * is claimed with a conditional write before it is sent, so two deliveries running at once never send
 * the same one twice. With no SMTP_URL (the demo), mails are written to the server log.
 */
import nodemailer, { type Transporter } from 'nodemailer'
import { db as defaultDb, type Db } from '@/lib/db/client'

const DEFAULT_FROM = '"Portal PISEE" <no-reply@digital.example.gob.cl>'

let cached: { url: string | undefined; transporter: Transporter } | undefined

function transporter(): Transporter {
  const url = process.env.SMTP_URL || undefined
  if (!cached || cached.url !== url) {
    cached = { url, transporter: url ? nodemailer.createTransport(url) : nodemailer.createTransport({ jsonTransport: true }) }
  }
  return cached.transporter
}

function portalUrl(): string {
  return (process.env.PORTAL_URL ?? process.env.AUTH_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/$/, '')
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)
}

/** Sends every pending notice's e-mail; returns how many were sent. Never throws: failures are logged and retried next time. */
export async function deliverPendingEmails(db: Db = defaultDb): Promise<number> {
  let sent = 0
  try {
    const pending = await db.notification.findMany({
      where: { emailedAt: null, recipient: { email: { not: null }, disabledAt: null } },
      orderBy: { createdAt: 'asc' },
      take: 200,
      select: { id: true, title: true, body: true, link: true, recipient: { select: { email: true, name: true } } },
    })
    for (const notice of pending) {
      const claimedAt = new Date()
      const { count } = await db.notification.updateMany({ where: { id: notice.id, emailedAt: null }, data: { emailedAt: claimedAt } })
      if (count !== 1) continue
      const link = `${portalUrl()}${notice.link}`
      const message = {
        from: process.env.MAIL_FROM ?? DEFAULT_FROM,
        to: { name: notice.recipient.name, address: notice.recipient.email! },
        subject: notice.title,
        text: `${notice.body}\n\n${link}\n\n— Portal PISEE, Red de Interoperabilidad del Estado`,
        html: `<p>${escapeHtml(notice.body)}</p><p><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p><p>— Portal PISEE, Red de Interoperabilidad del Estado</p>`,
      }
      try {
        const info = await transporter().sendMail(message)
        if (!process.env.SMTP_URL) console.info(`[correo] ${message.to.address}: ${message.subject}\n${message.text}`, info.messageId)
        sent++
      } catch (error) {
        // Released so the next delivery tries again.
        await db.notification.updateMany({ where: { id: notice.id, emailedAt: claimedAt }, data: { emailedAt: null } })
        console.error(`[correo] no se pudo enviar a ${message.to.address}:`, error)
      }
    }
  } catch (error) {
    console.error('[correo] entrega fallida:', error)
  }
  return sent
}
