import { apiGetDataElement } from '@/lib/catalog/api'
import { itemEndpoint } from '@/lib/catalog/api-handler'

/** One data element of the directory by id or code. */
export async function GET(_request: Request, { params }: RouteContext<'/api/v1/catalog/data-elements/[id]'>) {
  return itemEndpoint(params, apiGetDataElement)
}
