import { apiListServices } from '@/lib/catalog/api'
import { listEndpoint } from '@/lib/catalog/api-handler'
import { servicesQuerySchema } from '@/lib/catalog/api-schemas'

/** The service catalog, filtered and paged by key (documented in lib/catalog/openapi.ts). */
export async function GET(request: Request) {
  return listEndpoint(request, servicesQuerySchema, apiListServices)
}
