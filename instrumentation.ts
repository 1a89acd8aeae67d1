/**
 * Runs once when the server starts: the environment is validated before anything is served, and a
 * wrong variable stops the server with a message that names it (lib/env.ts).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return
  const { validateEnv } = await import('./lib/env')
  try {
    validateEnv()
  } catch (error) {
    console.error(error instanceof Error ? error.message : error)
    process.exit(1)
  }
}
