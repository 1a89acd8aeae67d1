import type { TestProject } from 'vitest/node'
import { startTestDatabase } from './database'

/**
 * One migrated database per test run; its URL reaches the test files through DATABASE_URL, which
 * lib/db/client.ts reads like the portal does.
 */
export default async function setup(project: TestProject) {
  const database = await startTestDatabase()
  process.env.DATABASE_URL = database.url
  if (database.kind === 'embedded') process.env.DATABASE_POOL_MAX = '1'
  project.provide('databaseKind', database.kind)
  console.log(`Tests run against the ${database.kind} database.`)
  return () => database.stop()
}

declare module 'vitest' {
  export interface ProvidedContext {
    databaseKind: 'postgres' | 'embedded'
  }
}
