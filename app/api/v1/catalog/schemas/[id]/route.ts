import { apiGetSchema } from '@/lib/catalog/api'
import { itemEndpoint } from '@/lib/catalog/api-handler'

/** One schema of the catalog by id or code, with its versions' content. */
export async function GET(_request: Request, { params }: RouteContext<'/api/v1/catalog/schemas/[id]'>) {
  return itemEndpoint(params, apiGetSchema)
}
