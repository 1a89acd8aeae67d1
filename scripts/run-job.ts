/**
 * `npm run job -- node-access`: runs one scheduled job once, now, against DATABASE_URL, and prints
 * its counts. For an operator who will not wait for the hour (and for the e2e journey, which cannot
 * wait for a Chilean midnight). Jobs are idempotent, so running one beside the replicas' own runner
 * (lib/jobs/runner.ts) changes and tells nothing twice.
 *
 * Only the jobs a script may load are listed (the trace registry's modules are server-only).
 */
const runners: Record<string, () => Promise<(now: Date) => Promise<unknown>>> = {
  'node-access': async () => (await import('@/lib/nodes/jobs')).runNodeAccessJob,
}

const jobName = process.argv[2]
const loadJob = jobName ? runners[jobName] : undefined
if (!loadJob) {
  console.error(`Usage: npm run job -- <${Object.keys(runners).join(' | ')}> (DATABASE_URL names the database)`)
  process.exit(2)
}
if (!process.env.DATABASE_URL) {
  console.error('DATABASE_URL is not set: the database whose job to run.')
  process.exit(2)
}
const run = await loadJob()
const result = await run(new Date())
console.log(JSON.stringify({ job: jobName, result }))
process.exit(0)

export {}
