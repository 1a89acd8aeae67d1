import { createDocument } from 'zod-openapi'
import { catalogPaths, catalogSecuritySchemes, catalogTag } from '@/lib/catalog/openapi'
import { nodePaths, nodeSchemas, nodeSecuritySchemes } from '@/lib/nodes/api/openapi'
import { tracePaths } from '@/lib/traces/openapi'

/**
 * The portal's machine APIs as one OpenAPI 3.1 document, generated from the zod schemas that
 * validate them. Each feature exports its paths (and any schemas or security schemes of its own);
 * register a new feature's here.
 */
export function openApiDocument() {
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Portal PISEE — API para máquinas',
      version: '1.0.0',
      description:
        'APIs que usan los nodos de interoperabilidad y otros sistemas de las instituciones. Errores en ' +
        'formato RFC 9457 (application/problem+json), en español.',
    },
    servers: [{ url: '/', description: 'Este portal' }],
    tags: [
      { name: 'Nodos', description: 'Configuración, latidos y pruebas de conectividad de los nodos.' },
      { name: 'Trazabilidad', description: 'Registro de Trazabilidad: los nodos informan cada intercambio.' },
      catalogTag,
    ],
    paths: {
      ...nodePaths,
      ...tracePaths,
      ...catalogPaths,
    },
    components: {
      schemas: { ...nodeSchemas },
      securitySchemes: { ...nodeSecuritySchemes, ...catalogSecuritySchemes },
    },
  })
}

let cached: ReturnType<typeof openApiDocument> | undefined

/** Built once per process: the document depends on code only. */
export function openApiDocumentCached() {
  return (cached ??= openApiDocument())
}
