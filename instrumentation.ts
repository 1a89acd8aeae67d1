/**
 * Runs once when the server starts, in every replica:
 * - the environment is validated before anything is served, and a wrong variable stops the server
 *   with a message that names it (lib/env.ts);
 * - the HTTP hooks give each request an id, a log context and its metrics (lib/server/http-hooks.ts);
 * - the scheduled-job runner starts (lib/jobs; each due time runs once across replicas);
 * - SIGTERM stops the replica cleanly (lib/server/shutdown.ts).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return
  const { validateEnv } = await import('./lib/env')
  const { log } = await import('./lib/log/logger')
  let env
  try {
    env = validateEnv()
  } catch (error) {
    log.fatal(error instanceof Error ? error.message : String(error))
    process.exit(1)
  }
  if (process.env.NEXT_PHASE === 'phase-production-build') return
  const { installHttpHooks } = await import('./lib/server/http-hooks')
  const { installShutdown } = await import('./lib/server/shutdown')
  const { closeDatabase, db } = await import('./lib/db/client')
  installHttpHooks()
  // Once per process, even if the dev server registers again.
  const global = globalThis as unknown as { portalJobRunner?: import('./lib/jobs/runner').JobRunner }
  if (env.JOBS_ENABLED && !global.portalJobRunner) {
    const { startJobRunner } = await import('./lib/jobs/runner')
    const { jobs: registered } = await import('./lib/jobs/registry')
    global.portalJobRunner = startJobRunner({ db, jobs: registered })
  }
  const jobs = global.portalJobRunner
  installShutdown({ timeoutMs: env.SHUTDOWN_TIMEOUT_MS, jobs, closeDatabase })
  log.info({ jobs: Boolean(jobs) }, 'replica started')
}
