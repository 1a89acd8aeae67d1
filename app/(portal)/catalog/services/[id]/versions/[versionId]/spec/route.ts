import { getViewer } from '@/lib/auth/viewer'
import { getServiceSpec } from '@/lib/catalog/queries'
import { attachment } from '@/lib/http/attachment'
import { downloadRefusal } from '@/lib/http/download-errors'
import { isRecordId } from '@/lib/ids'

/** A service version's specification as the provider uploaded it (OpenAPI or WSDL). */
export async function GET(
  _request: Request,
  { params }: RouteContext<'/catalog/services/[id]/versions/[versionId]/spec'>,
) {
  const viewer = await getViewer()
  if (!viewer) return downloadRefusal(401)
  const { id, versionId } = await params
  if (!isRecordId(id) || !isRecordId(versionId)) return downloadRefusal(404)
  const found = await getServiceSpec(viewer, id, versionId)
  if (!found) return downloadRefusal(404)
  const text = new TextDecoder().decode(found.spec)
  const wsdl = found.format === 'WSDL'
  const extension = wsdl ? 'wsdl' : text.trimStart().startsWith('{') ? 'json' : 'yaml'
  return new Response(new Uint8Array(found.spec), {
    headers: {
      'Content-Type': wsdl ? 'application/wsdl+xml' : extension === 'json' ? 'application/json' : 'application/yaml',
      'Content-Disposition': attachment(`${found.code}-${found.version}.${extension}`),
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    },
  })
}
