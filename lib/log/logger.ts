/**
 * The portal's log: one JSON object per line on stdout (pino), in English, for the operator's log
 * collector. Every line written while a request is being served carries that request's id and, once
 * known, the person it acted for (lib/server/http-hooks.ts puts them in the request's context); a
 * scheduled job's lines carry the job and its due time.
 *
 * Never logged in clear: secrets, credentials, tokens, cookies, authorization headers, RUNs. The
 * redact paths below blank the fields that hold them, and every string is scrubbed of anything that
 * looks like a RUN. docs/decisions/021-observability.md.
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import pino, { type DestinationStream, type Logger } from 'pino'

/** What the lines of one request or one job run share. */
export type LogContext = {
  requestId?: string
  /** The signed-in person the request acted for (their record id, never their RUN). */
  personId?: string
  /** The PISEE node a request or job acted for. */
  nodeId?: string
  job?: string
  dueAt?: string
}

// One store for the whole process, whichever bundle imports this module (instrumentation, routes).
const globalForLog = globalThis as unknown as { portalLogContext?: AsyncLocalStorage<LogContext>; portalLog?: Logger }
const storage = (globalForLog.portalLogContext ??= new AsyncLocalStorage<LogContext>())

/** Field names whose values are never written; `*.x` covers them one level down too. */
const SECRET_KEYS = [
  'authorization',
  'cookie',
  'password',
  'secret',
  'token',
  'sessionToken',
  'accessToken',
  'refreshToken',
  'idToken',
  'access_token',
  'refresh_token',
  'id_token',
  'code',
  'apiKey',
  'run',
  'rut',
  'smtpUrl',
  'databaseUrl',
  'connectionString',
]
export const REDACT_PATHS = [
  ...SECRET_KEYS,
  ...SECRET_KEYS.map((key) => `*.${key}`),
  'headers.authorization',
  'headers.cookie',
  'headers["set-cookie"]',
  'req.headers.authorization',
  'req.headers.cookie',
]

/** A Chilean RUN written with or without dots: 12.345.678-5, 12345678-K. */
const RUN_PATTERN = /\b\d{1,2}(?:\.\d{3}){2}-[\dkK]\b|\b\d{7,8}-[\dkK]\b/g
/** Credentials written into a URL: scheme://user:password@host. */
const URL_CREDENTIALS = /([a-z][a-z0-9+.-]*:\/\/)[^/\s:@]+:[^/\s@]+@/gi

export function scrub(text: string): string {
  return text.replace(RUN_PATTERN, '[RUN]').replace(URL_CREDENTIALS, '$1[Redacted]@')
}

function scrubValue(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return scrub(value)
  if (depth > 4 || value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) return value.map((item) => scrubValue(item, depth + 1))
  const out: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(value)) out[key] = scrubValue(item, depth + 1)
  return out
}

function level(): string {
  // Read directly (LOG_LEVEL is also declared in lib/env.ts): the logger must work before and while
  // the environment is validated, and in scripts.
  const configured = process.env.LOG_LEVEL
  if (configured) return configured
  return process.env.VITEST ? 'silent' : 'info'
}

/** The portal's logger; `destination` (stdout by default) and `levelName` are for tests. */
export function createLogger(destination?: DestinationStream, levelName = level()): Logger {
  const options: pino.LoggerOptions = {
    level: levelName,
    base: { service: 'portal-pisee', pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    messageKey: 'msg',
    redact: { paths: REDACT_PATHS, censor: '[Redacted]' },
    formatters: {
      level: (label) => ({ level: label }),
      log: (object) => scrubValue(object, 0) as Record<string, unknown>,
    },
    hooks: {
      logMethod(args, method) {
        // The message itself (and printf-style arguments) is scrubbed like the fields.
        method.apply(this, args.map((arg) => (typeof arg === 'string' ? scrub(arg) : arg)) as Parameters<typeof method>)
      },
    },
    // The request's (or job's) context on every line.
    mixin: () => ({ ...storage.getStore() }),
  }
  return destination ? pino(options, destination) : pino(options)
}

/** The process's logger: `log.info({ caseId }, 'agreement signed')`. */
export const log: Logger = (globalForLog.portalLog ??= createLogger())

/** Runs `fn` with `context` on every line it (and everything it awaits) logs. */
export function runWithLogContext<T>(context: LogContext, fn: () => T): T {
  return storage.run({ ...storage.getStore(), ...context }, fn)
}

/** Adds to the current request's context (e.g. the person, once the session is read). */
export function setLogContext(context: LogContext): void {
  const store = storage.getStore()
  if (store) Object.assign(store, context)
}

/** The current request's or job's context (empty outside one). */
export function currentLogContext(): LogContext {
  return { ...storage.getStore() }
}
