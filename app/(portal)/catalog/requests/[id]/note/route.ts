import { getViewer } from '@/lib/auth/viewer'
import { can } from '@/lib/auth/roles'
import { downloadRefusal } from '@/lib/http/download-errors'
import { isRecordId } from '@/lib/ids'
import { notePdfFor } from '@/lib/review/queries'

/** The internal note of a publication request, as a PDF: scoped by lib/review/queries.ts notePdfFor. */
export async function GET(_request: Request, { params }: RouteContext<'/catalog/requests/[id]/note'>) {
  const viewer = await getViewer()
  if (!viewer) return downloadRefusal(401)
  if (!can(viewer, 'publications.read')) return downloadRefusal(403)
  const { id } = await params
  if (!isRecordId(id)) return downloadRefusal(404)
  const found = await notePdfFor(viewer, id)
  if (!found) return downloadRefusal(404)
  return new Response(Buffer.from(found.pdf), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="nota-interna-publicacion-${found.number}.pdf"`,
      'Content-Length': String(found.pdf.byteLength),
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  })
}
