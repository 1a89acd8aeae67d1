import { apiListDataElements } from '@/lib/catalog/api'
import { listEndpoint } from '@/lib/catalog/api-handler'
import { dataElementsQuerySchema } from '@/lib/catalog/api-schemas'

/** The data directory, filtered and paged by key (documented in lib/catalog/openapi.ts). */
export async function GET(request: Request) {
  return listEndpoint(request, dataElementsQuerySchema, (_viewer, query, after) => apiListDataElements(query, after))
}
