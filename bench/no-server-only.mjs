// Scripts outside Next: `import 'server-only'` resolves to an empty module (as in the tests' alias).
import { register } from 'node:module'

register(
  'data:text/javascript,' +
    encodeURIComponent(
      `export async function resolve(specifier, context, next) {
        if (specifier === 'server-only') return { url: 'data:text/javascript,', shortCircuit: true }
        return next(specifier, context)
      }`,
    ),
  import.meta.url,
)
