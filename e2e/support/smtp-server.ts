/**
 * The end-to-end suite's mail server: a real SMTP server the portal sends to, with a small HTTP
 * endpoint the tests read (GET /messages), empty (DELETE /messages) and slow down (PUT /delay?ms=5000: each
 * message is accepted that much later).
 */
import { createServer } from 'node:http'
import { startSmtpCapture } from '../../test/support/smtp-capture'

const smtpPort = Number(process.env.E2E_SMTP_PORT ?? 3102)
const httpPort = Number(process.env.E2E_MAILBOX_PORT ?? 3103)

const capture = await startSmtpCapture(smtpPort)
createServer((request, response) => {
  if (request.url === '/messages' && request.method === 'DELETE') {
    capture.mails.length = 0
    response.writeHead(204).end()
    return
  }
  const url = new URL(request.url ?? '/', 'http://mailbox')
  if (url.pathname === '/delay' && request.method === 'PUT') {
    capture.setDelay(Number(url.searchParams.get('ms')) || 0)
    response.writeHead(204).end()
    return
  }
  if (request.url === '/messages') {
    response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(capture.mails))
    return
  }
  response.writeHead(404).end()
}).listen(httpPort, '127.0.0.1', () => console.log(`Mailbox: SMTP ${smtpPort}, HTTP ${httpPort}`))
