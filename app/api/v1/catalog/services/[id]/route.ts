import { apiGetService } from '@/lib/catalog/api'
import { itemEndpoint } from '@/lib/catalog/api-handler'

/** One service of the catalog by id or code. */
export async function GET(_request: Request, { params }: RouteContext<'/api/v1/catalog/services/[id]'>) {
  return itemEndpoint(params, apiGetService)
}
