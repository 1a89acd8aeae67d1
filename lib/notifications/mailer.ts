/**
 * E-mail for every in-app notice, sent after the transaction that created it has committed and after
 * the response has gone out, so a click never waits on the mail server:
 *
 *   await db.$transaction(async (tx) => { …the step…; await notify(tx, {…}) })
 *   deliverEmailsAfterResponse()   // Next.js after(); a failure is logged and retried by the next delivery
 *
 * Each mail is claimed with a conditional write before it is sent, so two deliveries running at once
 * never send the same one twice; a failed send releases its claim. A process that dies between claim
 * and send loses that one mail (at most once, never twice): the notice itself is still in the inbox.
 * With no SMTP_URL (the demo), mails are written to the server log instead. Failures are logged with
 * the notice and recipient ids (lib/log), and the scheduled job `mail-delivery` (lib/jobs/registry.ts)
 * retries whatever is still pending every minute, from whichever replica claims it.
 */
import { after } from 'next/server'
import nodemailer, { type SendMailOptions, type Transporter } from 'nodemailer'
import { db as defaultDb, type Db } from '@/lib/db/client'
import { env } from '@/lib/env'
import { messages } from '@/lib/i18n/messages'
import { log } from '@/lib/log/logger'

const mailText = messages.notifications.mail
const DEFAULT_FROM = `"${mailText.fromName}" <no-reply@digital.gob.cl>`
const BATCH = 200

let cached: { url: string | undefined; transporter: Transporter } | undefined

/** Rebuilt when SMTP_URL changes (tests point it at their own server). */
function transporter(): Transporter {
  const url = env.SMTP_URL
  if (!cached || cached.url !== url) {
    cached = {
      url,
      transporter: url ? nodemailer.createTransport(url) : nodemailer.createTransport({ jsonTransport: true }),
    }
  }
  return cached.transporter
}

/** The portal's public address for links in mails: PORTAL_URL, else AUTH_URL's origin, else localhost. */
export function portalUrl(): string {
  if (env.PORTAL_URL) return env.PORTAL_URL.replace(/\/+$/, '')
  if (env.AUTH_URL) return new URL(env.AUTH_URL).origin
  return `http://localhost:${env.PORT}`
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)
}

export function composeMail(notice: {
  title: string
  body: string
  link: string
  recipient: { name: string; email: string }
}) {
  const link = `${portalUrl()}${notice.link}`
  return {
    from: env.MAIL_FROM ?? DEFAULT_FROM,
    to: { name: notice.recipient.name, address: notice.recipient.email },
    subject: notice.title,
    text: `${notice.body}\n\n${mailText.goToPortal}: ${link}\n\n${mailText.signature}`,
    html:
      `<p>${escapeHtml(notice.body)}</p>` +
      `<p><a href="${escapeHtml(link)}">${escapeHtml(mailText.goToPortal)}</a><br>${escapeHtml(link)}</p>` +
      `<p>${escapeHtml(mailText.signature)}</p>`,
    headers: { 'Auto-Submitted': 'auto-generated' },
  } satisfies SendMailOptions
}

/** Sends every pending notice's e-mail; returns how many were sent. Never throws: failures are logged and retried next time. */
export async function deliverPendingEmails(db: Db = defaultDb): Promise<number> {
  return (await deliver(db)).sent
}

async function deliver(db: Db): Promise<{ sent: number; failed: number }> {
  let sent = 0
  let failed = 0
  try {
    const pending = await db.notification.findMany({
      where: { emailedAt: null, recipient: { email: { not: null }, disabledAt: null } },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      take: BATCH,
      select: {
        id: true,
        recipientId: true,
        title: true,
        body: true,
        link: true,
        recipient: { select: { email: true, name: true } },
      },
    })
    for (const notice of pending) {
      const claimedAt = new Date()
      const { count } = await db.notification.updateMany({
        where: { id: notice.id, emailedAt: null },
        data: { emailedAt: claimedAt },
      })
      if (count !== 1) continue // another delivery has it
      const mail = composeMail({
        ...notice,
        recipient: { name: notice.recipient.name, email: notice.recipient.email! },
      })
      try {
        await transporter().sendMail(mail)
        if (!env.SMTP_URL) {
          log.info(
            {
              noticeId: notice.id,
              recipientId: notice.recipientId,
              to: mail.to.address,
              subject: mail.subject,
              text: mail.text,
            },
            'mail not sent (no SMTP_URL): written here instead',
          )
        } else {
          log.info({ noticeId: notice.id, recipientId: notice.recipientId }, 'mail sent')
        }
        sent++
      } catch (error) {
        // Released (only if still ours) so the next delivery tries again.
        await db.notification.updateMany({ where: { id: notice.id, emailedAt: claimedAt }, data: { emailedAt: null } })
        failed++
        log.error(
          { err: error, noticeId: notice.id, recipientId: notice.recipientId },
          'mail could not be sent; will retry',
        )
      }
    }
  } catch (error) {
    log.error({ err: error }, 'mail delivery failed; will retry')
    failed++
  }
  return { sent, failed }
}

/** Waits between the attempts of one after-response delivery whose mails failed (then the next delivery retries). */
const RETRY_DELAYS_MS = [5_000, 30_000]

/**
 * For server actions: delivers the pending mails once the response has been sent (Next.js after()),
 * so the step answers as fast as with no mail at all. The notices are already committed; a mail that
 * fails here stays pending and goes out with the next delivery.
 */
export function deliverEmailsAfterResponse(): void {
  after(async () => {
    for (const delay of [0, ...RETRY_DELAYS_MS]) {
      if (delay) await new Promise((resolve) => setTimeout(resolve, delay))
      if ((await deliver(defaultDb)).failed === 0) return
    }
  })
}
