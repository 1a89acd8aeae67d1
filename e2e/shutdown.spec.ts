/**
 * A replica stopped with SIGTERM, as an orchestrator stops it: it refuses new connections at once,
 * finishes the request in flight, and exits 0 (lib/server/shutdown.ts).
 */
import net from 'node:net'
import { readFile } from 'node:fs/promises'
import { expect, test } from '@playwright/test'
import { E2E } from './support/env'
import { startReplica } from './support/replicas'

/** Opens a connection that sends a request's headers and only the first half of its body. */
function halfSentRequest(port: number) {
  const body = 'x'.repeat(2_000)
  const socket = net.connect(port, '127.0.0.1')
  let answer = ''
  socket.on('data', (chunk) => (answer += String(chunk)))
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()))
  const connected = new Promise<void>((resolve) => socket.on('connect', () => resolve()))
  return {
    async start() {
      await connected
      socket.write(
        `POST /api/health/live HTTP/1.1\r\nHost: localhost:${port}\r\nContent-Type: text/plain\r\n` +
          `Content-Length: ${body.length}\r\nConnection: close\r\n\r\n${body.slice(0, 1_000)}`,
      )
    },
    finish: () => socket.write(body.slice(1_000)),
    answer: () => answer,
    closed,
  }
}

function connects(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1')
    socket.on('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.on('error', () => resolve(false))
  })
}

test('on SIGTERM a replica refuses new connections, finishes the request in flight and exits 0', async () => {
  test.setTimeout(150_000)
  const replica = await startReplica('shutdown', E2E.shutdownPort, { SHUTDOWN_TIMEOUT_MS: '15000' })
  const slow = halfSentRequest(E2E.shutdownPort)
  await slow.start()
  // The request has reached the replica (it waits for the rest of its body).
  await new Promise((resolve) => setTimeout(resolve, 1_000))
  expect(slow.answer()).toBe('')

  replica.process.kill('SIGTERM')
  await expect.poll(() => connects(E2E.shutdownPort), { timeout: 10_000 }).toBe(false)
  expect(replica.process.exitCode).toBeNull() // still finishing the request in flight
  expect(slow.answer()).toBe('')

  slow.finish()
  await slow.closed
  expect(slow.answer()).toMatch(/^HTTP\/1\.1 (200|405) /)
  expect(await replica.exited).toBe(0)

  const lines = (await readFile(replica.logFile, 'utf8'))
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { msg: string; inFlight?: number })
  expect(lines.find((line) => line.msg === 'shutting down: no new requests')?.inFlight).toBe(1)
  expect(lines.some((line) => line.msg === 'shutdown complete')).toBe(true)
})
