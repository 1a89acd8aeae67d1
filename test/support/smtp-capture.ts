/**
 * A real SMTP server for tests: it accepts every message on 127.0.0.1 and keeps the envelope and the
 * decoded subject and text, so tests can assert who was told what.
 */
import { simpleParser } from 'mailparser'
import { SMTPServer } from 'smtp-server'

export type CapturedMail = { to: string[]; subject: string; text: string }

export async function startSmtpCapture(port = 0) {
  const mails: CapturedMail[] = []
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
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
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
