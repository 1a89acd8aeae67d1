// For bench scripts that import server modules outside Next.js: `server-only` (which throws unless
// bundled for the server) resolves to an empty module, as test/support/empty-module.ts does in vitest.
import { register } from 'node:module'

register(
  'data:text/javascript,' +
    encodeURIComponent(
      `export async function resolve(specifier, context, next) {
        if (specifier === 'server-only') return { url: 'data:text/javascript,export {}', shortCircuit: true }
        return next(specifier, context)
      }`,
    ),
)
