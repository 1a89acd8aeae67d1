import { apiListSchemas } from '@/lib/catalog/api'
import { listEndpoint } from '@/lib/catalog/api-handler'
import { schemasQuerySchema } from '@/lib/catalog/api-schemas'

/** The schema catalog, filtered and paged by key (documented in lib/catalog/openapi.ts). */
export async function GET(request: Request) {
  return listEndpoint(request, schemasQuerySchema, apiListSchemas)
}
