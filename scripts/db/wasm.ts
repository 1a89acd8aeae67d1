// Loads Prisma's schema engine compiled to WebAssembly.
//
// Why two packages: the `prisma` CLI ships the engine binary it expects (build/schema_engine_bg.wasm)
// but not the wasm-bindgen JavaScript glue that instantiates it; the glue comes from the npm package
// `@prisma/schema-engine-wasm`, whose exact matching version is not published. A close version whose
// glue provides every function the WASM imports works, so that is checked here before anything runs:
// if the versions ever drift apart we stop with an explicit message instead of failing deep inside
// a migration.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { createRequire } from 'node:module'
import * as bindings from '@prisma/schema-engine-wasm/schema_engine_bg'
import type { SchemaEngine } from '@prisma/schema-engine-wasm'

const require = createRequire(import.meta.url)

// The glue module keeps the WASM instance in a module-level variable, so one instance per process.
let loaded: { SchemaEngine: typeof SchemaEngine; wasmPath: string; version: string } | undefined

/** The bindings' module specifier the WASM imports its host functions from. */
const BINDINGS_MODULE = './schema_engine_bg.js'

/**
 * Throws unless the bindings provide every function the WASM module imports. Without this, a drift
 * between the two packages would surface as an obscure LinkError, or as a TypeError in the middle of
 * a migration when a missing import is first called.
 */
export function assertBindingsMatch(
  wasmModule: WebAssembly.Module,
  provided: Record<string, unknown>,
  wasmPath: string,
): void {
  const imports = WebAssembly.Module.imports(wasmModule)
  const missing = imports.filter((i) => i.module !== BINDINGS_MODULE || typeof provided[i.name] !== 'function')
  if (missing.length === 0) return
  const prismaVersion = packageVersion('prisma/package.json')
  // @prisma/schema-engine-wasm does not export its package.json; it sits next to the main entry.
  const bindingsVersion = packageVersion(
    path.join(path.dirname(require.resolve('@prisma/schema-engine-wasm')), 'package.json'),
  )
  throw new Error(
    [
      `SCHEMA ENGINE VERSION MISMATCH: ${wasmPath} (prisma ${prismaVersion}) needs ${missing.length} of its ` +
        `${imports.length} imports that @prisma/schema-engine-wasm ${bindingsVersion} does not provide:`,
      ...missing.slice(0, 10).map((i) => `  - ${i.module} :: ${i.name}`),
      ...(missing.length > 10 ? [`  … and ${missing.length - 10} more`] : []),
      'Pin @prisma/schema-engine-wasm to a version whose bindings match this prisma release ' +
        '(see docs/decisions/001-offline-migrations.md).',
    ].join('\n'),
  )
}

function packageVersion(packageJson: string): string {
  return (require(packageJson) as { version: string }).version
}

/** Path of the engine WASM shipped by the installed prisma CLI. */
export function schemaEngineWasmPath(): string {
  // `prisma` exports only package.json among its files, so locate the WASM relative to it.
  return path.join(path.dirname(require.resolve('prisma/package.json')), 'build', 'schema_engine_bg.wasm')
}

export function loadSchemaEngineWasm() {
  if (loaded) return loaded
  const wasmPath = schemaEngineWasmPath()
  const wasmModule = new WebAssembly.Module(readFileSync(wasmPath))
  const provided = bindings as unknown as Record<string, unknown>
  assertBindingsMatch(wasmModule, provided, wasmPath)

  // The bindings report Rust panics through this global (the prisma CLI installs the same hook).
  const g = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: { set_message(message: string): void } }
  g.PRISMA_WASM_PANIC_REGISTRY ??= {
    set_message(message) {
      process.stderr.write(`[schema-engine panic] ${message}\n`)
    },
  }

  const instance = new WebAssembly.Instance(wasmModule, { [BINDINGS_MODULE]: provided as WebAssembly.ModuleImports })
  bindings.__wbg_set_wasm(instance.exports)
  ;(instance.exports.__wbindgen_start as () => void)()
  loaded = { SchemaEngine: bindings.SchemaEngine, wasmPath, version: bindings.version() }
  return loaded
}
