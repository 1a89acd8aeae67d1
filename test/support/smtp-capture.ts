/**
 * A real SMTP server for tests: it accepts every message on 127.0.0.1 and keeps the envelope and the
 * decoded subject and text, so tests can assert who was told what.
 */
import { simpleParser } from 'mailparser'
import { SMTPServer } from 'smtp-server'

export type CapturedMail = { to: string[]; subject: string; text: string }

export async function startSmtpCapture(port = 0) {
  const mails: CapturedMail[] = []
  /** How long the server takes to accept each message: a slow mail server, for tests that must not wait on it. */
  const state = { delayMs: 0 }
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then(async (parsed) => {
          if (state.delayMs) await new Promise((resolve) => setTimeout(resolve, state.delayMs))
          mails.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
          })
          callback()
        })
        .catch(callback)
    },
  })
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  const address = server.server.address()
  const actualPort = typeof address === 'object' && address ? address.port : port
  return {
    url: `smtp://127.0.0.1:${actualPort}`,
    port: actualPort,
    mails,
    setDelay: (ms: number) => {
      state.delayMs = ms
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
