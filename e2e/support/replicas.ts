/**
 * More replicas of the suite's portal: `next start` processes on the same embedded database, as an
 * operator runs several behind a load balancer, and a round-robin proxy that stands in for it.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { createWriteStream, mkdirSync } from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { expect } from '@playwright/test'
import { E2E } from './env'

export type Replica = { url: string; process: ChildProcess; exited: Promise<number | null>; logFile: string }

/** Starts `next start` (the suite's build) on `port` against the suite's database; resolves once it is ready. */
export async function startReplica(name: string, port: number, env: Record<string, string> = {}): Promise<Replica> {
  mkdirSync(E2E.logDir, { recursive: true })
  const logFile = path.join(E2E.logDir, `${name}.log`)
  const child = spawn(path.join('node_modules', '.bin', 'next'), ['start', '-p', String(port)], {
    env: {
      ...process.env,
      ...E2E.portalEnv,
      PORT: String(port),
      DATABASE_URL: E2E.databaseUrl,
      DATABASE_POOL_MAX: '1',
      NODE_ENV: 'production',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const log = createWriteStream(logFile)
  child.stdout!.pipe(log)
  child.stderr!.pipe(log)
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  const url = `http://localhost:${port}`
  await expect
    .poll(async () => (await fetch(`${url}/api/health/ready`).catch(() => undefined))?.status, { timeout: 90_000 })
    .toBe(200)
  return { url, process: child, exited, logFile }
}

/**
 * A load balancer in miniature: each request goes to the next upstream in turn, with its Host header
 * unchanged. `served` counts the requests each upstream answered.
 */
export async function startRoundRobin(port: number, upstreams: number[]) {
  const served = upstreams.map(() => 0)
  let next = 0
  const server = http.createServer((req, res) => {
    const index = next++ % upstreams.length
    served[index]!++
    const upstream = http.request(
      { host: '127.0.0.1', port: upstreams[index], method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
      },
    )
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502)
      res.end()
    })
    req.pipe(upstream)
  })
  await new Promise<void>((resolve) => server.listen(port, resolve))
  return {
    served,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
