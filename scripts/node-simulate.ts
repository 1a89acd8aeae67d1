/**
 * `npm run node:simulate -- --credential pisee_dev_… [--base http://localhost:3000] [--once]
 *   [--interval 60] [--timeout 5000] [--traces RATE --duration S]`
 * Behaves like an institution's node against a running portal (lib/nodes/simulator.ts). The
 * credential may come from env PISEE_NODE_CREDENTIAL instead, so it stays out of the process list.
 */
import { parseArgs } from 'node:util'
import { runSimulator, SimulatorError } from '../lib/nodes/simulator'
import { sendTraceTraffic } from './traces-traffic'

const { values } = parseArgs({
  options: {
    credential: { type: 'string' },
    base: { type: 'string', default: 'http://localhost:3000' },
    once: { type: 'boolean', default: false },
    interval: { type: 'string', default: '60' },
    timeout: { type: 'string', default: '5000' },
    traces: { type: 'string' },
    duration: { type: 'string', default: '60' },
  },
})

const credential = values.credential ?? process.env.PISEE_NODE_CREDENTIAL
if (!credential) {
  console.error('Falta la credencial: --credential pisee_dev_… (o PISEE_NODE_CREDENTIAL).')
  process.exit(2)
}
const positive = (value: string, name: string) => {
  const n = Number(value)
  if (!Number.isFinite(n) || n <= 0) {
    console.error(`--${name} debe ser un número positivo.`)
    process.exit(2)
  }
  return n
}

const controller = new AbortController()
process.on('SIGINT', () => controller.abort())
process.on('SIGTERM', () => controller.abort())

try {
  if (values.traces !== undefined) {
    await sendTraceTraffic({
      base: values.base,
      credential,
      rate: positive(values.traces, 'traces'),
      durationSeconds: positive(values.duration, 'duration'),
      log: (line) => console.log(line),
    })
  } else {
    await runSimulator({
      base: values.base,
      credential,
      once: values.once,
      heartbeatSeconds: positive(values.interval, 'interval'),
      testTimeoutMs: positive(values.timeout, 'timeout'),
      signal: controller.signal,
    })
  }
} catch (error) {
  if (error instanceof SimulatorError) {
    console.error(`Error: ${error.message}`)
    process.exit(1)
  }
  throw error
}
