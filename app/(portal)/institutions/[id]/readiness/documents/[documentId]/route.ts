import { downloadRefusal } from '@/lib/http/download-errors'
import { ForbiddenError } from '@/lib/auth/roles'
import { getViewer } from '@/lib/auth/viewer'
import { getCooperationDocument } from '@/lib/readiness/queries'
import { attachment } from '@/lib/http/attachment'
import { isRecordId } from '@/lib/ids'

/** A PDF of an institution's convenio: for the institution's members and central staff only. */
export async function GET(
  _request: Request,
  { params }: RouteContext<'/institutions/[id]/readiness/documents/[documentId]'>,
) {
  const viewer = await getViewer()
  if (!viewer) return downloadRefusal(401)
  const { id, documentId } = await params
  if (!isRecordId(id) || !isRecordId(documentId)) return downloadRefusal(404)
  try {
    const document = await getCooperationDocument(viewer, id, documentId)
    if (!document) return downloadRefusal(404)
    return new Response(new Uint8Array(document.content), {
      headers: {
        'Content-Type': document.contentType,
        'Content-Disposition': attachment(document.fileName),
        'Content-Length': String(document.content.byteLength),
        'Cache-Control': 'private, no-store',
        'X-Content-Type-Options': 'nosniff',
        ETag: `"${document.sha256}"`,
      },
    })
  } catch (error) {
    if (error instanceof ForbiddenError) return downloadRefusal(403)
    throw error
  }
}
