/**
 * A clean stop on SIGTERM (or SIGINT), as a load balancer or orchestrator sends it:
 *   1. /api/health/ready answers 503 and a request arriving on a kept-alive connection gets 503 with
 *      `Connection: close`; the listening socket is closed, so new connections are refused;
 *   2. the requests in flight finish, up to SHUTDOWN_TIMEOUT_MS; past it their connections are cut;
 *   3. in the meantime the job runner stops claiming; a job still running at the limit is handed back
 *      (lib/jobs/runner.ts), and so is the work of after-response mail deliveries (the mail job sends
 *      what they did not);
 *   4. the database pool is closed and the process exits 0.
 * Next.js's own handler (which exits 143 without waiting for jobs) is replaced: scripts/start.ts sets
 * NEXT_MANUAL_SIG_HANDLE, and under a bare `next start` the handlers it installed are removed here.
 */
import http from 'node:http'
import { log } from '@/lib/log/logger'
import { httpState, requestsDrained } from './http-hooks'

type Stoppable = { stop(options?: { timeoutMs?: number }): Promise<void> }

const globalForShutdown = globalThis as unknown as { portalShutdown?: { installed: boolean } }

/** True once a shutdown has begun (readiness then answers 503). */
export function shuttingDown(): boolean {
  return httpState.shuttingDown
}

function servers(): http.Server[] {
  // Every server the hooks saw, and any listening one they did not (no request yet).
  const handles = (process as unknown as { _getActiveHandles?: () => unknown[] })._getActiveHandles?.() ?? []
  for (const handle of handles) if (handle instanceof http.Server) httpState.servers.add(handle)
  return [...httpState.servers]
}

export function installShutdown(options: {
  timeoutMs: number
  jobs?: Stoppable
  closeDatabase: () => Promise<void>
}): void {
  const state = (globalForShutdown.portalShutdown ??= { installed: false })
  if (state.installed) return
  state.installed = true
  if (!process.env.NEXT_MANUAL_SIG_HANDLE) {
    process.removeAllListeners('SIGTERM')
    process.removeAllListeners('SIGINT')
  }
  const onSignal = (signal: NodeJS.Signals) => {
    if (httpState.shuttingDown) return
    httpState.shuttingDown = true
    void shutdown(signal, options).then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, 'shutdown failed')
        process.exit(1)
      },
    )
  }
  process.on('SIGTERM', onSignal)
  process.on('SIGINT', onSignal)
}

async function shutdown(
  signal: NodeJS.Signals,
  { timeoutMs, jobs, closeDatabase }: Parameters<typeof installShutdown>[0],
): Promise<void> {
  const started = Date.now()
  log.info({ signal, inFlight: httpState.inFlight, timeoutMs }, 'shutting down: no new requests')
  const listening = servers()
  for (const server of listening) server.close()
  const deadline = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), timeoutMs).unref())
  const [requests] = await Promise.all([
    Promise.race([requestsDrained().then(() => 'drained' as const), deadline]),
    jobs?.stop({ timeoutMs }),
  ])
  if (requests === 'timeout') log.warn({ inFlight: httpState.inFlight }, 'shutdown limit reached: cutting requests')
  for (const server of listening) server.closeAllConnections()
  await closeDatabase()
  log.info({ durationMs: Date.now() - started }, 'shutdown complete')
}
