import { E2E } from './env'

export type Mail = { to: string[]; subject: string; text: string }

/** What the portal sent to the suite's SMTP server. */
export const mailbox = {
  async all(): Promise<Mail[]> {
    return (await fetch(`${E2E.mailboxUrl}/messages`)).json() as Promise<Mail[]>
  },
  /** Makes the SMTP server take `ms` to accept each message (0: at once). */
  async delay(ms: number): Promise<void> {
    await fetch(`${E2E.mailboxUrl}/delay?ms=${ms}`, { method: 'PUT' })
  },
  async clear(): Promise<void> {
    await fetch(`${E2E.mailboxUrl}/messages`, { method: 'DELETE' })
  },
}
