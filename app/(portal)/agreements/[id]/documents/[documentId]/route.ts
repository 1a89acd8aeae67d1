import { downloadRefusal } from '@/lib/http/download-errors'
import { getAgreementDocument } from '@/lib/agreements/queries'
import { getViewer } from '@/lib/auth/viewer'
import { attachment } from '@/lib/http/attachment'
import { isRecordId } from '@/lib/ids'

/** A signed PDF of an agreement, for the agreement's parties (and DGD staff and auditors). */
export async function GET(_request: Request, { params }: RouteContext<'/agreements/[id]/documents/[documentId]'>) {
  const viewer = await getViewer()
  if (!viewer) return downloadRefusal(401)
  const { id, documentId } = await params
  if (!isRecordId(id) || !isRecordId(documentId)) return downloadRefusal(404)
  const document = await getAgreementDocument(viewer, id, documentId)
  if (!document) return downloadRefusal(404)
  return new Response(new Uint8Array(document.content), {
    headers: {
      'Content-Type': document.contentType,
      'Content-Disposition': attachment(document.fileName),
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    },
  })
}
