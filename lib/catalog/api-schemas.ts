// The catalog read API's parameters and answers (zod): the route handlers validate with these and
// lib/catalog/openapi.ts generates the OpenAPI document from the same objects (zod-openapi).
import { z } from 'zod'
import {
  catalogStatuses,
  classifications,
  gradualityGroups,
  PROCEDURE_CODE,
  protocols,
  schemaFormats,
  schemaKinds,
} from './table-params'

const RECORD_ID = /^[A-Za-z0-9_-]{1,64}$/

/** `a,b,c` → ['a','b','c'], each checked by `item`. */
const list = <T extends z.ZodType<string, string>>(item: T, description: string) =>
  z
    .string()
    .max(2000)
    .transform((v) => v.split(',').filter(Boolean))
    .pipe(z.array(item).max(50))
    .optional()
    .meta({ description: `${description} Varios valores separados por coma.` })

const pageParams = {
  q: z.string().max(100).optional().meta({
    description: 'Búsqueda de texto, sin distinguir mayúsculas ni tildes; cada palabra debe aparecer (prefijo).',
  }),
  limit: z.coerce.number().int().min(1).max(100).default(50).meta({ description: 'Elementos por página (1–100).' }),
  cursor: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,200}$/)
    .optional()
    .meta({ description: 'El `nextCursor` de la página anterior (paginación por clave, sin OFFSET).' }),
}

export const servicesQuerySchema = z.object({
  ...pageParams,
  provider: list(z.string().regex(RECORD_ID), 'Id de la institución proveedora.'),
  status: list(z.enum(catalogStatuses), 'Estado en el catálogo.'),
  protocol: list(z.enum(protocols), 'Protocolo.'),
  classification: list(z.enum(classifications), 'Clasificación de alguno de los datos que expone.'),
  procedure: list(z.string().regex(PROCEDURE_CODE), 'Código CPAT de un trámite que sirve.'),
  group: list(z.enum(gradualityGroups), 'Grupo de gradualidad del proveedor (Ley 21.180).'),
})

export const schemasQuerySchema = z.object({
  ...pageParams,
  owner: list(z.string().regex(RECORD_ID), 'Id de la institución que propone el esquema.'),
  status: list(z.enum(catalogStatuses), 'Estado en el catálogo.'),
  kind: list(z.enum(schemaKinds), 'Tipo de esquema.'),
  format: list(z.enum(schemaFormats), 'Formato.'),
})

export const dataElementsQuerySchema = z.object({
  ...pageParams,
  responsible: list(z.string().regex(RECORD_ID), 'Id de la institución responsable.'),
  classification: list(z.enum(classifications), 'Clasificación.'),
})

export const itemParamsSchema = z.object({
  id: z.string().regex(RECORD_ID).meta({ description: 'Id o código del elemento.' }),
})

const institutionRef = z
  .object({ id: z.string(), name: z.string(), shortName: z.string() })
  .meta({ id: 'CatalogInstitution' })
const environment = z.object({
  endpoint: z.string().nullable(),
  status: z.enum(['AVAILABLE', 'MAINTENANCE', 'UNAVAILABLE', 'NOT_OFFERED']),
})
const ref = z.object({ id: z.string(), code: z.string(), name: z.string() })
const dataElementRef = ref.extend({ classification: z.enum(classifications) }).meta({ id: 'CatalogDataElementRef' })
const operation = z
  .union([
    z.object({ method: z.string(), path: z.string(), summary: z.string().nullable() }),
    z.object({ name: z.string(), summary: z.string().nullable() }),
  ])
  .meta({
    id: 'CatalogOperation',
    description: 'Operación REST (método y ruta) o SOAP (nombre), leída de la especificación.',
  })

export const serviceSummarySchema = z
  .object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    description: z.string(),
    provider: institutionRef,
    version: z.string(),
    protocol: z.enum(protocols),
    status: z.enum(catalogStatuses),
    requiresAgreement: z.boolean(),
    procedures: z.array(z.string()),
    environments: z.object({ development: environment, production: environment }),
    lastReviewedAt: z.iso.datetime().nullable(),
    completeness: z.number().int().min(0).max(100).meta({ description: 'Completitud de la ficha, 0–100.' }),
  })
  .meta({ id: 'CatalogServiceSummary' })

export const serviceDetailSchema = serviceSummarySchema
  .extend({
    dataElements: z.array(dataElementRef),
    schemas: z.array(ref.extend({ kind: z.enum(schemaKinds), format: z.enum(schemaFormats) })),
    operations: z.array(operation),
    serviceLevels: z
      .object({
        availability: z.number().optional(),
        p95Ms: z.number().optional(),
        supportHours: z.string().optional(),
      })
      .nullable(),
    contacts: z.array(z.object({ name: z.string(), email: z.string(), role: z.string().optional() })),
    versions: z.array(
      z.object({
        version: z.string(),
        status: z.enum(catalogStatuses),
        changes: z.string(),
        specFormat: z.enum(['OPENAPI', 'WSDL']),
        specUrl: z.string().nullable().meta({ description: 'Descarga de la especificación (con sesión).' }),
        publishedAt: z.iso.datetime().nullable(),
      }),
    ),
  })
  .meta({ id: 'CatalogService' })

export const schemaSummarySchema = z
  .object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    description: z.string(),
    kind: z.enum(schemaKinds),
    format: z.enum(schemaFormats),
    status: z.enum(catalogStatuses),
    owner: institutionRef,
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'CatalogSchemaSummary' })

export const schemaDetailSchema = schemaSummarySchema
  .extend({
    versions: z.array(
      z.object({
        version: z.string(),
        status: z.enum(catalogStatuses),
        changes: z.string(),
        content: z.string(),
        contentSha256: z.string(),
        publishedAt: z.iso.datetime().nullable(),
      }),
    ),
    services: z.array(ref),
    dataElements: z.array(dataElementRef),
  })
  .meta({ id: 'CatalogSchema' })

export const dataElementSummarySchema = z
  .object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    description: z.string(),
    classification: z.enum(classifications),
    responsible: institutionRef,
  })
  .meta({ id: 'CatalogDataElementSummary' })

export const dataElementDetailSchema = dataElementSummarySchema
  .extend({
    stewards: z.array(z.object({ name: z.string() })),
    services: z.array(ref),
    schemas: z.array(ref),
  })
  .meta({ id: 'CatalogDataElement' })

const page = <T extends z.ZodType>(item: T, id: string) =>
  z
    .object({
      items: z.array(item),
      nextCursor: z.string().nullable().meta({ description: 'Cursor de la página siguiente; null en la última.' }),
    })
    .meta({ id })

export const servicesPageSchema = page(serviceSummarySchema, 'CatalogServicesPage')
export const schemasPageSchema = page(schemaSummarySchema, 'CatalogSchemasPage')
export const dataElementsPageSchema = page(dataElementSummarySchema, 'CatalogDataElementsPage')
