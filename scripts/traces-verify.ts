// npm run traces:verify — walks the trace registry of DATABASE_URL and prints the first breaks of
// its chain, or that all N records verify (lib/traces/verify.ts). Exit code 1 on any break.
import pg from 'pg'
import { verifyTraces } from '@/lib/traces/verify'

const url = process.env.DATABASE_URL
if (!url) {
  console.error('DATABASE_URL is not set: the database whose trace registry to verify.')
  process.exit(2)
}
const client = new pg.Client({ connectionString: url })
await client.connect()
const started = performance.now()
let lastShown = 0
const result = await verifyTraces(client as unknown as pg.PoolClient, {
  onProgress: (records) => {
    if (records - lastShown >= 1_000_000) {
      lastShown = records
      console.error(`  … ${records.toLocaleString('en')} records`)
    }
  },
})
await client.end()
const seconds = ((performance.now() - started) / 1000).toFixed(1)
if (result.ok) {
  console.log(
    `All ${result.records} records verify: ${result.batches} batches chained to head ${result.head.chainSeq} (${result.head.chain}), ${seconds} s.`,
  )
} else {
  console.log(`The registry does NOT verify (${result.records} records, ${result.batches} batches, ${seconds} s):`)
  for (const b of result.breaks) console.log(`  ${b.kind}${b.batchId ? ` [batch ${b.batchId}]` : ''}: ${b.detail}`)
}
process.exit(result.ok ? 0 : 1)
