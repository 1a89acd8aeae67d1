import { agreementPdfFor } from '@/lib/agreements/terms'
import { downloadRefusal } from '@/lib/http/download-errors'
import { getViewer } from '@/lib/auth/viewer'
import { DomainError } from '@/lib/errors'
import { isRecordId } from '@/lib/ids'

/**
 * The agreement's PDF, as the parties sign it: the bytes kept when its terms were approved, never
 * rendered again. Only for the case's parties, once its terms are approved.
 */
export async function GET(_request: Request, { params }: RouteContext<'/connections/[id]/agreement'>) {
  const viewer = await getViewer()
  if (!viewer) return downloadRefusal(401)
  const { id } = await params
  if (!isRecordId(id)) return downloadRefusal(404)
  try {
    const { pdf, sha256, caseNumber } = await agreementPdfFor(viewer, id)
    return new Response(Buffer.from(pdf), {
      headers: {
        'Content-Type': 'application/pdf',
        'Content-Disposition': `attachment; filename="acuerdo-caso-${caseNumber}.pdf"`,
        'Content-Length': String(pdf.byteLength),
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
        Digest: `sha-256=${Buffer.from(sha256, 'hex').toString('base64')}`,
      },
    })
  } catch (error) {
    if (error instanceof DomainError) return downloadRefusal(404)
    throw error
  }
}
