/**
 * `prisma generate` without the native schema engine (see docs/decisions/001-offline-migrations.md):
 * the CLI only needs an executable at PRISMA_SCHEMA_ENGINE_BINARY, and the generated client runs on
 * the WASM query compiler with the pg driver adapter.
 */
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const result = spawnSync(path.join(root, 'node_modules', '.bin', 'prisma'), ['generate'], {
  cwd: root,
  stdio: 'inherit',
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: path.join(root, 'scripts', 'db', 'no-schema-engine.sh'),
    PRISMA_ENGINES_CHECKSUM_IGNORE_MISSING: '1',
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
  },
})
process.exit(result.status ?? 1)
