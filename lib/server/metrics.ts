/**
 * The portal's Prometheus metrics (prom-client), served at /api/metrics to a scraper holding
 * METRICS_TOKEN. Each replica counts its own requests and job runs; Prometheus sums them. Gauges
 * that describe the shared database (mail queue depth) are read from it at scrape time, so every
 * replica reports the same value: aggregate them with max(), not sum().
 *
 * One registry per process, kept on globalThis: instrumentation.ts and each route's bundle may load
 * their own copy of this module.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client'

function createMetrics() {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry })
  const httpRequests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests served, by method, route (the app route pattern) and status code.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  })
  const httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time from receiving a request to the end of its response, by method and route.',
    labelNames: ['method', 'route'] as const,
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  })
  const httpInFlight = new Gauge({
    name: 'http_requests_in_flight',
    help: 'Requests being served by this replica now.',
    registers: [registry],
  })
  const jobRuns = new Counter({
    name: 'job_runs_total',
    help: 'Scheduled job runs this replica claimed, by job and outcome (succeeded, failed, handed_back).',
    labelNames: ['job', 'outcome'] as const,
    registers: [registry],
  })
  const jobDuration = new Histogram({
    name: 'job_run_duration_seconds',
    help: 'How long each scheduled job run took, by job.',
    labelNames: ['job'] as const,
    buckets: [0.05, 0.1, 0.5, 1, 5, 15, 60, 300],
    registers: [registry],
  })
  const dbPool = new Gauge({
    name: 'db_pool_connections',
    help: "This replica's database pool: open connections (total), idle ones, and queries waiting for one.",
    labelNames: ['state'] as const,
    registers: [registry],
  })
  const mailQueue = new Gauge({
    name: 'mail_queue_depth',
    help: 'Notices whose e-mail has not been sent yet (shared: the same on every replica).',
    registers: [registry],
  })
  return { registry, httpRequests, httpDuration, httpInFlight, jobRuns, jobDuration, dbPool, mailQueue }
}

export type Metrics = ReturnType<typeof createMetrics>

const globalForMetrics = globalThis as unknown as { portalMetrics?: Metrics }

/** This process's metrics. */
export function metrics(): Metrics {
  return (globalForMetrics.portalMetrics ??= createMetrics())
}
