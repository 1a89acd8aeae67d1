import { downloadRefusal } from '@/lib/http/download-errors'
import { getViewer } from '@/lib/auth/viewer'
import { renderAgreementPdf } from '@/lib/connections/agreement-pdf'
import { agreementTermsFor } from '@/lib/connections/agreement-terms'
import { DomainError } from '@/lib/errors'
import { isRecordId } from '@/lib/ids'

/** The agreement's PDF, as the parties sign it; only for the case's parties, once its terms are approved. */
export async function GET(_request: Request, { params }: RouteContext<'/connections/[id]/agreement'>) {
  const viewer = await getViewer()
  if (!viewer) return downloadRefusal(401)
  const { id } = await params
  if (!isRecordId(id)) return downloadRefusal(404)
  try {
    const terms = await agreementTermsFor(viewer, id)
    const pdf = await renderAgreementPdf(terms)
    return new Response(Buffer.from(pdf), {
      headers: {
        'Content-Type': 'application/pdf',
        'Content-Disposition': `attachment; filename="acuerdo-caso-${terms.caseNumber}.pdf"`,
        'Content-Length': String(pdf.byteLength),
        'Cache-Control': 'no-store',
      },
    })
  } catch (error) {
    if (error instanceof DomainError) return downloadRefusal(404)
    throw error
  }
}
