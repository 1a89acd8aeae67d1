/**
 * A node as the portal sees one (`npm run node:simulate`): it fetches its configuration and checks
 * the signature against the portal's published keys, sends heartbeats, and runs a connectivity test
 * against each provider endpoint it may call, reporting the outcome. Plain fetch, no portal code on
 * the wire path: what it does, a real node can do.
 */
import { hostname } from 'node:os'
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from 'jose'
import {
  CONFIGURATION_ISSUER,
  CONFIGURATION_JWT_TYPE,
  configurationSchema,
  SIGNING_ALGORITHM,
  type NodeConfiguration,
} from './api/schemas'

export const SIMULATOR_VERSION = '2.0.0'

export type SimulatorOptions = {
  base: string
  credential: string
  /** One round (configuration, heartbeat, tests) and stop. */
  once?: boolean
  heartbeatSeconds?: number
  /** How long a connectivity test waits for the provider's endpoint. */
  testTimeoutMs?: number
  version?: string
  hostName?: string
  log?: (line: string) => void
  /** Stops the loop (tests, Ctrl-C). */
  signal?: AbortSignal
}

export class SimulatorError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message)
    this.name = 'SimulatorError'
  }
}

type Held = { etag: string; configuration: NodeConfiguration }

function url(base: string, path: string) {
  return new URL(path, base.endsWith('/') ? base : `${base}/`).toString()
}

async function failure(response: Response, what: string): Promise<SimulatorError> {
  let detail = ''
  try {
    const body = (await response.json()) as { detail?: string; title?: string }
    detail = body.detail ?? body.title ?? ''
  } catch {
    // not a problem body
  }
  return new SimulatorError(`${what}: HTTP ${response.status}${detail ? ` — ${detail}` : ''}`, response.status)
}

/** The portal's public keys (JWKS), from /api/v1/keys. */
export async function fetchKeys(base: string): Promise<JSONWebKeySet> {
  const response = await fetch(url(base, 'api/v1/keys'))
  if (!response.ok) throw await failure(response, 'claves del portal')
  return (await response.json()) as JSONWebKeySet
}

/**
 * The node's configuration, verified: signature (ES256, a key of the portal's JWKS), type, issuer,
 * expiry, that it names this very node, and its shape. With `held`, sends its ETag and keeps it on 304.
 */
export async function fetchConfiguration(
  options: Pick<SimulatorOptions, 'base' | 'credential'>,
  held?: Held,
): Promise<Held & { changed: boolean }> {
  const headers: Record<string, string> = { Authorization: `Bearer ${options.credential}` }
  if (held) headers['If-None-Match'] = held.etag
  const response = await fetch(url(options.base, 'api/v1/node/configuration'), { headers })
  if (response.status === 304 && held) return { ...held, changed: false }
  if (response.status !== 200) throw await failure(response, 'configuración')
  const jwt = await response.text()
  const keys = createLocalJWKSet(await fetchKeys(options.base))
  let payload: Record<string, unknown>
  try {
    ;({ payload } = await jwtVerify(jwt, keys, {
      algorithms: [SIGNING_ALGORITHM],
      issuer: CONFIGURATION_ISSUER,
      typ: CONFIGURATION_JWT_TYPE,
    }))
  } catch (error) {
    throw new SimulatorError(`la firma de la configuración no es válida: ${(error as Error).message}`)
  }
  const configuration = configurationSchema.parse(payload)
  if (payload.sub !== configuration.node.id) throw new SimulatorError('la configuración es de otro nodo')
  const etag = response.headers.get('etag') ?? `"${configuration.version}"`
  return { etag, configuration, changed: true }
}

export async function sendHeartbeat(
  options: SimulatorOptions,
  startedAt: number,
): Promise<{ receivedAt: string; minimumNodeVersion: string; updateRequired: boolean }> {
  const response = await fetch(url(options.base, 'api/v1/node/heartbeat'), {
    method: 'POST',
    headers: { Authorization: `Bearer ${options.credential}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      version: options.version ?? SIMULATOR_VERSION,
      hostName: options.hostName ?? safeHostName(),
      uptimeSeconds: Math.floor((Date.now() - startedAt) / 1000),
      selfChecks: [
        { name: 'configuracion-firmada', status: 'OK' },
        { name: 'reloj', status: 'OK' },
      ],
    }),
  })
  if (!response.ok) throw await failure(response, 'latido')
  return (await response.json()) as { receivedAt: string; minimumNodeVersion: string; updateRequired: boolean }
}

function safeHostName(): string {
  const name = hostname().replace(/[^A-Za-z0-9.-]/g, '-')
  return name || 'nodo-simulado'
}

export type ProbeResult = { outcome: 'PASSED' | 'FAILED'; latencyMs: number; detail: string }

/**
 * One request to a provider's endpoint: any HTTP answer below 500 means the network path and the
 * provider are there (PASSED); a 5xx, a refused connection or no answer within the timeout is FAILED.
 */
export async function probeEndpoint(endpoint: string, timeoutMs = 5000): Promise<ProbeResult> {
  const started = performance.now()
  try {
    const response = await fetch(endpoint, { method: 'GET', signal: AbortSignal.timeout(timeoutMs) })
    await response.body?.cancel().catch(() => {})
    const latencyMs = Math.round(performance.now() - started)
    return { outcome: response.status < 500 ? 'PASSED' : 'FAILED', latencyMs, detail: `HTTP ${response.status}` }
  } catch (error) {
    const latencyMs = Math.round(performance.now() - started)
    const reason =
      error instanceof Error && error.name === 'TimeoutError'
        ? `sin respuesta en ${timeoutMs} ms`
        : ((error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message)
    return { outcome: 'FAILED', latencyMs, detail: `sin conexión: ${reason}` }
  }
}

export type ReportedTest = { serviceCode: string; endpoint: string | null } & ProbeResult & { caseNumber?: number }

/** Tests every service the configuration lists and reports each result to the portal. */
export async function runConnectivityTests(
  options: SimulatorOptions,
  configuration: NodeConfiguration,
): Promise<ReportedTest[]> {
  const results: ReportedTest[] = []
  for (const service of configuration.services) {
    const ranAt = new Date()
    const probe: ProbeResult = service.endpoint
      ? await probeEndpoint(service.endpoint, options.testTimeoutMs)
      : { outcome: 'FAILED', latencyMs: 0, detail: 'el servicio no tiene endpoint en este ambiente' }
    const response = await fetch(url(options.base, 'api/v1/node/connectivity-tests'), {
      method: 'POST',
      headers: { Authorization: `Bearer ${options.credential}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        serviceCode: service.serviceCode,
        outcome: probe.outcome,
        latencyMs: probe.latencyMs,
        ranAt: ranAt.toISOString(),
        detail: probe.detail.slice(0, 1000),
      }),
    })
    if (!response.ok) throw await failure(response, `prueba de ${service.serviceCode}`)
    const stored = (await response.json()) as { caseNumber: number }
    results.push({
      serviceCode: service.serviceCode,
      endpoint: service.endpoint,
      ...probe,
      caseNumber: stored.caseNumber,
    })
  }
  return results
}

export type RoundSummary = {
  configuration: NodeConfiguration
  changed: boolean
  heartbeat: Awaited<ReturnType<typeof sendHeartbeat>>
  tests: ReportedTest[]
}

/**
 * Runs the node: a first round (configuration, heartbeat, tests), then, unless `once`, a heartbeat
 * every `heartbeatSeconds` with a conditional configuration fetch, testing again when it changed.
 */
export async function runSimulator(options: SimulatorOptions): Promise<RoundSummary[]> {
  const log = options.log ?? ((line: string) => console.log(line))
  const startedAt = Date.now()
  const rounds: RoundSummary[] = []
  let held: Held | undefined
  for (;;) {
    const fetched = await fetchConfiguration(options, held)
    held = fetched
    const { configuration } = fetched
    if (fetched.changed) {
      log(
        `Configuración ${configuration.version.slice(0, 12)}… verificada: ${configuration.institution.name}, ` +
          `nodo ${configuration.node.name} (${configuration.node.environment}), ` +
          `${configuration.services.length} servicio(s) a consumir, ${configuration.consumers.length} consumidor(es) autorizados.`,
      )
      for (const s of configuration.services)
        log(`  · ${s.serviceCode} de ${s.provider.name} → ${s.endpoint ?? '(sin endpoint)'}`)
    } else {
      log('Configuración sin cambios (304).')
    }
    const heartbeat = await sendHeartbeat(options, startedAt)
    log(
      `Latido registrado ${heartbeat.receivedAt}${heartbeat.updateRequired ? ` — actualice a ${heartbeat.minimumNodeVersion} o superior` : ''}.`,
    )
    const tests = fetched.changed ? await runConnectivityTests(options, configuration) : []
    for (const t of tests) {
      log(
        `Prueba ${t.serviceCode}: ${t.outcome === 'PASSED' ? 'exitosa' : 'fallida'} en ${t.latencyMs} ms (${t.detail}), caso N° ${t.caseNumber}.`,
      )
    }
    rounds.push({ configuration, changed: fetched.changed, heartbeat, tests })
    if (options.once || options.signal?.aborted) return rounds
    const stopped = await sleep((options.heartbeatSeconds ?? 60) * 1000, options.signal)
    if (stopped) return rounds
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms)
    signal?.addEventListener('abort', () => {
      clearTimeout(timer)
      resolve(true)
    })
  })
}
