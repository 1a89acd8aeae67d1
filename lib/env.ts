/**
 * The portal's environment, validated (t3-env with zod): every variable the app reads is declared
 * here, with its default, and read as `env.X` — never `process.env.X` — in app/, lib/ and components/.
 * `next start` validates it at boot (instrumentation.ts) and stops with a message naming each
 * variable that is wrong. The README's environment table lists the same variables.
 *
 * Parsed on first use, not on import: `npm start` sets DATABASE_URL after importing the database
 * client. Under vitest it is parsed on every read, so a test may change process.env.
 */
import { createEnv } from '@t3-oss/env-nextjs'
import { z } from 'zod'

/** ClaveÚnica's production endpoints (its integration guide); sandbox and QA use other credentials. */
export const CLAVEUNICA_DEFAULTS = {
  issuer: 'https://accounts.claveunica.gob.cl/openid',
  logoutUrl: 'https://accounts.claveunica.gob.cl/api/v1/accounts/app/logout',
} as const

const trueFalse = z.enum(['true', 'false'])
const port = z.coerce.number().int().min(1).max(65_535)

function isLoopback(url: string): boolean {
  const host = new URL(url).hostname
  return host === 'localhost' || host === '127.0.0.1' || host === '[::1]'
}

function serverSchema(building: boolean) {
  // `next build` evaluates modules without the runtime's database or secrets.
  const atRuntime = <T extends z.ZodType>(schema: T) => (building ? schema.optional() : schema)
  return {
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    DATABASE_URL: atRuntime(z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgresql:// URL' })),
    DATABASE_POOL_MAX: z.coerce.number().int().positive().optional(),
    PORT: port.default(3000),
    DEMO_MODE: trueFalse.default('false').transform((value) => value === 'true'),
    AUTH_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    AUTH_URL: z.url().optional(),
    PORTAL_URL: z.url().optional(),
    SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' }).optional(),
    MAIL_FROM: z.string().min(3).optional(),
    /** The oldest node software version the network accepts (semantic version); older nodes show as outdated. */
    NODE_MIN_VERSION: z
      .string()
      .regex(/^\d+\.\d+\.\d+$/, 'must be a version such as 2.0.0')
      .default('2.0.0'),
    CLAVEUNICA_CLIENT_ID: z.string().min(1).optional(),
    CLAVEUNICA_CLIENT_SECRET: z.string().min(1).optional(),
    CLAVEUNICA_ENVIRONMENT: z.enum(['sandbox', 'qa', 'production']).default('production'),
    CLAVEUNICA_ISSUER: z.url().default(CLAVEUNICA_DEFAULTS.issuer),
    CLAVEUNICA_AUTHORIZATION_URL: z.url().optional(),
    CLAVEUNICA_TOKEN_URL: z.url().optional(),
    CLAVEUNICA_USERINFO_URL: z.url().optional(),
    CLAVEUNICA_LOGOUT_URL: z.url().default(CLAVEUNICA_DEFAULTS.logoutUrl),
    CLAVEUNICA_LOGOUT_REDIRECT_URI: z.url().optional(),
    /** The private JWK (ES256) that signs node configurations; unset, one is generated and kept in the database. */
    NODE_CONFIG_SIGNING_KEY: z.string().min(1).optional(),
    /** Calls each node may make to the node API per minute. */
    NODE_API_RATE_LIMIT: z.coerce.number().int().positive().default(120),
  }
}

type Source = Record<string, string | undefined>

/** The variables as the app reads them (DATABASE_URL is absent only while building). */
export type Env = Readonly<z.output<z.ZodObject<ReturnType<typeof serverSchema>>>>

/** Validates `source` (process.env by default); throws an Error listing every wrong variable. */
export function parseEnv(source: Source = process.env): Env {
  const building = source.NEXT_PHASE === 'phase-production-build'
  return createEnv({
    server: serverSchema(building),
    // A copy: t3-env deletes empty strings from the object it is given.
    runtimeEnv: { ...source } as Record<keyof ReturnType<typeof serverSchema>, string | undefined>,
    emptyStringAsUndefined: true,
    createFinalSchema: (shape) =>
      z.object(shape).superRefine((value, ctx) => {
        const v = value as Record<string, unknown>
        const problem = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message })
        if (Boolean(v.CLAVEUNICA_CLIENT_ID) !== Boolean(v.CLAVEUNICA_CLIENT_SECRET)) {
          problem(
            v.CLAVEUNICA_CLIENT_ID ? 'CLAVEUNICA_CLIENT_SECRET' : 'CLAVEUNICA_CLIENT_ID',
            'ClaveÚnica needs both a client id and a secret',
          )
        }
        if (v.NODE_ENV !== 'production' || building) return
        if (!v.AUTH_SECRET) problem('AUTH_SECRET', 'is required in production (npm start generates one)')
        // ClaveÚnica's certification requires HTTPS in production; loopback addresses are for local tests.
        if (v.CLAVEUNICA_CLIENT_ID) {
          for (const key of [
            'AUTH_URL',
            'CLAVEUNICA_ISSUER',
            'CLAVEUNICA_AUTHORIZATION_URL',
            'CLAVEUNICA_TOKEN_URL',
            'CLAVEUNICA_USERINFO_URL',
            'CLAVEUNICA_LOGOUT_URL',
          ]) {
            const url = v[key]
            if (key === 'AUTH_URL' && !url)
              problem(key, "is required with ClaveÚnica (the portal's public https:// address)")
            if (typeof url === 'string' && !url.startsWith('https://') && !isLoopback(url))
              problem(key, 'must be https:// in production')
          }
        }
      }),
    onValidationError: (issues) => {
      const lines = issues.map(
        (issue) =>
          `  ${issue.path?.map((p) => (typeof p === 'object' ? p.key : p)).join('.') || '(environment)'}: ${issue.message}`,
      )
      throw new Error(`Invalid environment variables (see the README's environment table):\n${lines.join('\n')}`)
    },
  }) as Env
}

let parsed: Env | undefined

function current(): Env {
  if (process.env.VITEST) return parseEnv()
  return (parsed ??= parseEnv())
}

/** The validated environment of this process. */
export const env: Env = new Proxy({} as Env, {
  get: (_target, key) => (typeof key === 'string' ? current()[key as keyof Env] : undefined),
})

/** Parses now: at boot, so a wrong variable stops the server before it serves anything. */
export function validateEnv(): Env {
  return current()
}
