/**
 * Hooks on the Node HTTP server that `next start` creates, installed once at boot by
 * instrumentation.ts (Next.js gives no other place that sees every request from start to end):
 *
 * - a request id per request: the caller's `x-request-id` when it is a plausible id (a load balancer's),
 *   else a new UUID; set on the request before Next.js reads it (proxy.ts passes it on) and on the
 *   response;
 * - a log context (lib/log/logger.ts) around the request's whole handling, so every line it logs
 *   carries the id; the person is added when the session is read (lib/auth/viewer.ts);
 * - the request metrics per route pattern (lib/server/metrics.ts) and one "request completed" line;
 * - the count of requests in flight and the servers seen, for a clean shutdown (lib/server/shutdown.ts):
 *   once shutting down, a request arriving on a kept-alive connection is answered 503 with
 *   `Connection: close`.
 */
import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { log, runWithLogContext } from '@/lib/log/logger'
import { metrics } from './metrics'

const REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/

type State = {
  installed: boolean
  inFlight: number
  servers: Set<http.Server>
  shuttingDown: boolean
  drained: Set<() => void>
}
const globalForHooks = globalThis as unknown as { portalHttp?: State }
export const httpState: State = (globalForHooks.portalHttp ??= {
  installed: false,
  inFlight: 0,
  servers: new Set(),
  shuttingDown: false,
  drained: new Set(),
})

type Route = { page: string; regex: RegExp }
let routes: Route[] | undefined

/** The app's route patterns, from the build's routes manifest (static first, as Next.js matches). */
function loadRoutes(): Route[] {
  try {
    const manifest = JSON.parse(readFileSync(path.join(process.cwd(), '.next', 'routes-manifest.json'), 'utf8')) as {
      staticRoutes: { page: string; regex: string }[]
      dynamicRoutes: { page: string; regex: string }[]
    }
    return [...manifest.staticRoutes, ...manifest.dynamicRoutes].map((r) => ({
      page: r.page,
      regex: new RegExp(r.regex),
    }))
  } catch {
    return []
  }
}

/** The route pattern a path is served by (`/connections/[id]`), never the raw path: bounded label values. */
export function routeOf(pathname: string): string {
  if (pathname.startsWith('/_next/')) return '/_next'
  routes ??= loadRoutes()
  const page = routes.find((route) => route.regex.test(pathname))?.page
  // app/(missing)/[...missing] is what no other route matches (public files included): the same label as before it.
  return page && page !== '/[...missing]' ? page : '(unmatched)'
}

/** Probes and scrapes are logged at debug only: they would drown the log. */
const QUIET = /^\/(api\/health(\/|$)|api\/metrics$|_next\/)/

function onRequest(server: http.Server, req: http.IncomingMessage, res: http.ServerResponse, handle: () => boolean) {
  httpState.servers.add(server)
  const incoming = req.headers['x-request-id']
  const requestId = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID()
  req.headers['x-request-id'] = requestId
  res.setHeader('x-request-id', requestId)

  if (httpState.shuttingDown) {
    res.writeHead(503, { Connection: 'close', 'Content-Type': 'text/plain; charset=utf-8', 'Retry-After': '1' })
    res.end('Shutting down\n')
    return true
  }

  // The path without its query, which may hold codes or tokens.
  const pathname = (req.url ?? '/').split('?')[0] ?? '/'
  const method = req.method ?? 'GET'
  const started = performance.now()
  const m = metrics()
  httpState.inFlight++
  m.httpInFlight.inc()
  let counted = false
  const done = () => {
    if (counted) return
    counted = true
    httpState.inFlight--
    m.httpInFlight.dec()
    const route = routeOf(pathname)
    const seconds = (performance.now() - started) / 1000
    const status = res.writableFinished ? res.statusCode : 499 // 499: the client went away first
    m.httpRequests.inc({ method, route, status: String(status) })
    m.httpDuration.observe({ method, route }, seconds)
    runWithLogContext({ requestId }, () =>
      log[QUIET.test(pathname) ? 'debug' : 'info'](
        { method, path: pathname, route, status, durationMs: Math.round(seconds * 1000) },
        'request completed',
      ),
    )
    if (httpState.inFlight === 0) for (const resolve of httpState.drained) resolve()
  }
  res.once('finish', done)
  res.once('close', done)
  return runWithLogContext({ requestId }, handle)
}

/** Installs the hooks once per process. */
export function installHttpHooks(): void {
  if (httpState.installed) return
  httpState.installed = true
  const emit = http.Server.prototype.emit as (this: http.Server, event: string | symbol, ...args: unknown[]) => boolean
  http.Server.prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === 'request') {
      const [req, res] = args as [http.IncomingMessage, http.ServerResponse]
      return onRequest(this, req, res, () => emit.call(this, event, ...args))
    }
    if (event === 'listening' || event === 'connection') httpState.servers.add(this)
    return emit.call(this, event, ...args)
  } as typeof http.Server.prototype.emit
}

/** Resolves when no request is in flight. */
export function requestsDrained(): Promise<void> {
  if (httpState.inFlight === 0) return Promise.resolve()
  return new Promise((resolve) => {
    const once = () => {
      httpState.drained.delete(once)
      resolve()
    }
    httpState.drained.add(once)
  })
}
