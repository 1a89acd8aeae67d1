/**
 * Realistic trace traffic from one node (issue 11): batches of records about the exchanges the node's
 * configuration allows — as consumer of the services it was granted, as provider to the consumers
 * granted its services — posted to POST /api/v1/node/traces at `rate` records per second for
 * `durationSeconds`. The node simulator (`--traces RATE --duration S`) calls `sendTraceTraffic`.
 *
 *   tsx scripts/traces-traffic.ts --base http://localhost:3000 --credential pisee_dev_… --rate 200 --duration 30
 */
import { createHash, randomUUID } from 'node:crypto'
import { parseArgs } from 'node:util'

export type Exchange = { consumerInstitutionId: string; providerInstitutionId: string; serviceCode: string }

export type TrafficOptions = {
  base: string
  credential: string
  /** Records per second. */
  rate: number
  durationSeconds: number
  /** The exchanges to report; by default read from the node's configuration (GET /api/v1/node/configuration). */
  exchanges?: Exchange[]
  /** Records per batch (default: one second's worth, 1–5,000). */
  batchSize?: number
  log?: (line: string) => void
}

export type TrafficSummary = {
  batches: number
  records: number
  stored: number
  withoutGrant: number
  failures: number
}

type Configuration = {
  institution: { id: string }
  services: { provider: { id: string }; serviceCode: string }[]
  consumers: { consumer: { id: string }; serviceCode: string }[]
}

/** The exchanges in the node's configuration (its JWT's payload; the signature is the simulator's to check). */
async function exchangesOf(base: string, credential: string): Promise<Exchange[]> {
  const response = await fetch(new URL('api/v1/node/configuration', base.endsWith('/') ? base : `${base}/`), {
    headers: { Authorization: `Bearer ${credential}` },
  })
  if (response.status !== 200) throw new Error(`configuración: HTTP ${response.status}`)
  const body = await response.text()
  const payload = body.split('.')[1]
  const configuration = JSON.parse(payload ? Buffer.from(payload, 'base64url').toString('utf8') : body) as Configuration
  const own = configuration.institution.id
  return [
    ...configuration.services.map((s) => ({
      consumerInstitutionId: own,
      providerInstitutionId: s.provider.id,
      serviceCode: s.serviceCode,
    })),
    ...configuration.consumers.map((c) => ({
      consumerInstitutionId: c.consumer.id,
      providerInstitutionId: own,
      serviceCode: c.serviceCode,
    })),
  ]
}

const OPERATIONS = ['consultar', 'obtenerCertificado', 'verificarIdentidad', 'listarDocumentos']
/** Valid RUNs (módulo 11) for the people the exchanges are about. */
const RUNS = ['12345678-5', '11111111-1', '22222222-2', '15555555-6', '9876543-3']

function record(exchange: Exchange, now: number) {
  const roll = Math.random()
  const result = roll < 0.95 ? 'OK' : roll < 0.97 ? 'CLIENT_ERROR' : roll < 0.99 ? 'SERVER_ERROR' : 'TIMEOUT'
  const sensitive = Math.random() < 0.1
  return {
    traceId: randomUUID(),
    time: new Date(now - Math.floor(Math.random() * 1000)).toISOString(),
    ...exchange,
    operation: OPERATIONS[Math.floor(Math.random() * OPERATIONS.length)],
    procedure: `CPAT-${1000 + Math.floor(Math.random() * 40)}`,
    caseFileId: Math.random() < 0.3 ? `EXP-${new Date(now).getFullYear()}-${Math.floor(Math.random() * 99999)}` : null,
    result,
    latencyMs: result === 'TIMEOUT' ? 30_000 : Math.round(40 + Math.random() ** 3 * 1500),
    messageSha256: createHash('sha256').update(randomUUID()).digest('hex'),
    sensitive,
    consentId: sensitive ? `CONS-${randomUUID().slice(0, 8)}` : null,
    subjectRun: Math.random() < 0.7 ? RUNS[Math.floor(Math.random() * RUNS.length)] : null,
  }
}

export async function sendTraceTraffic(options: TrafficOptions): Promise<TrafficSummary> {
  const log = options.log ?? ((line: string) => console.log(line))
  const exchanges = options.exchanges ?? (await exchangesOf(options.base, options.credential))
  if (exchanges.length === 0) throw new Error('el nodo no tiene servicios ni consumidores autorizados')
  const batchSize = Math.max(1, Math.min(5_000, options.batchSize ?? Math.ceil(options.rate)))
  const interval = (batchSize / options.rate) * 1000
  const summary: TrafficSummary = { batches: 0, records: 0, stored: 0, withoutGrant: 0, failures: 0 }
  const endAt = Date.now() + options.durationSeconds * 1000
  let next = Date.now()
  while (Date.now() < endAt) {
    const now = Date.now()
    const records = Array.from({ length: batchSize }, () =>
      record(exchanges[Math.floor(Math.random() * exchanges.length)]!, now),
    )
    const response = await fetch(
      new URL('api/v1/node/traces', options.base.endsWith('/') ? options.base : `${options.base}/`),
      {
        method: 'POST',
        headers: { Authorization: `Bearer ${options.credential}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ records }),
      },
    )
    summary.batches++
    summary.records += records.length
    if (response.ok) {
      const answer = (await response.json()) as { stored: number; withoutGrant: number }
      summary.stored += answer.stored
      summary.withoutGrant += answer.withoutGrant
    } else {
      summary.failures++
      log(`lote rechazado: HTTP ${response.status} ${(await response.text()).slice(0, 200)}`)
    }
    next += interval
    const wait = next - Date.now()
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
  }
  log(
    `trazas: ${summary.records} registros en ${summary.batches} lotes, ${summary.stored} guardados, ` +
      `${summary.withoutGrant} sin autorización vigente, ${summary.failures} lotes rechazados`,
  )
  return summary
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      base: { type: 'string', default: 'http://localhost:3000' },
      credential: { type: 'string' },
      rate: { type: 'string', default: '100' },
      duration: { type: 'string', default: '10' },
    },
  })
  const credential = values.credential ?? process.env.NODE_CREDENTIAL
  if (!credential) {
    console.error('Falta --credential (o NODE_CREDENTIAL).')
    process.exit(2)
  }
  await sendTraceTraffic({
    base: values.base!,
    credential,
    rate: Number(values.rate),
    durationSeconds: Number(values.duration),
  })
}
