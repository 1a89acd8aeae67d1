import { z } from 'zod'
import type { ZodOpenApiPathsObject, ZodOpenApiResponsesObject } from 'zod-openapi'
import { problemSchema } from '@/lib/http/problem'
import {
  dataElementDetailSchema,
  dataElementsPageSchema,
  dataElementsQuerySchema,
  itemParamsSchema,
  schemaDetailSchema,
  schemasPageSchema,
  schemasQuerySchema,
  serviceDetailSchema,
  servicesPageSchema,
  servicesQuerySchema,
} from './api-schemas'

const problemContent = { 'application/problem+json': { schema: problemSchema } }

const errors: ZodOpenApiResponsesObject = {
  '401': {
    description: 'Sin sesión en el portal.',
    headers: z.object({ 'WWW-Authenticate': z.string() }),
    content: problemContent,
  },
  '500': { description: 'Error inesperado (sin detalles internos).', content: problemContent },
}
const listErrors: ZodOpenApiResponsesObject = {
  ...errors,
  '422': { description: 'Parámetros inválidos; `errors` los nombra con JSON Pointer.', content: problemContent },
}
const itemErrors: ZodOpenApiResponsesObject = {
  ...errors,
  '404': { description: 'No existe, o quien llama no puede verlo.', content: problemContent },
}

const security = [{ portalSession: [] }]
const tags = ['Catálogo']

function list(operationId: string, summary: string, query: z.ZodObject, page: z.ZodType) {
  return {
    get: {
      operationId,
      tags,
      summary,
      description:
        'Lo que quien llama puede ver (publicado, obsoleto o retirado; además los borradores de su institución, ' +
        'y todo para la DGD y auditores), ordenado por código y paginado por clave con `cursor`.',
      security,
      requestParams: { query },
      responses: {
        '200': { description: 'Una página.', content: { 'application/json': { schema: page } } },
        ...listErrors,
      },
    },
  }
}

function item(operationId: string, summary: string, schema: z.ZodType) {
  return {
    get: {
      operationId,
      tags,
      summary,
      security,
      requestParams: { path: itemParamsSchema },
      responses: { '200': { description: summary, content: { 'application/json': { schema } } }, ...itemErrors },
    },
  }
}

/** The catalog read API's paths; lib/openapi/document.ts merges them with the other machine APIs'. */
export const catalogPaths: ZodOpenApiPathsObject = {
  '/api/v1/catalog/services': list(
    'listCatalogServices',
    'Servicios del catálogo',
    servicesQuerySchema,
    servicesPageSchema,
  ),
  '/api/v1/catalog/services/{id}': item(
    'getCatalogService',
    'Un servicio, con operaciones, datos, esquemas y versiones',
    serviceDetailSchema,
  ),
  '/api/v1/catalog/schemas': list('listCatalogSchemas', 'Esquemas del catálogo', schemasQuerySchema, schemasPageSchema),
  '/api/v1/catalog/schemas/{id}': item(
    'getCatalogSchema',
    'Un esquema, con el contenido de sus versiones',
    schemaDetailSchema,
  ),
  '/api/v1/catalog/data-elements': list(
    'listCatalogDataElements',
    'Directorio de datos',
    dataElementsQuerySchema,
    dataElementsPageSchema,
  ),
  '/api/v1/catalog/data-elements/{id}': item(
    'getCatalogDataElement',
    'Un dato, con sus custodios, servicios y esquemas',
    dataElementDetailSchema,
  ),
}

/** The session cookie the catalog API accepts today (nodes' credentials later). */
export const catalogSecuritySchemes = {
  portalSession: {
    type: 'apiKey' as const,
    in: 'cookie' as const,
    name: 'pisee.session-token',
    description: 'La sesión del portal (quien inició sesión con ClaveÚnica).',
  },
}

export const catalogTag = { name: 'Catálogo', description: 'Catálogo de servicios, de esquemas y directorio de datos.' }
