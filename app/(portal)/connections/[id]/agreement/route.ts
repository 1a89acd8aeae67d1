import { getViewer } from '@/lib/auth/viewer'
import { renderAgreementPdf } from '@/lib/agreements/pdf'
import { agreementTermsFor } from '@/lib/agreements/terms'
import { DomainError } from '@/lib/errors'

/** The agreement's PDF, as the parties sign it; only for the case's parties, once its terms are approved. */
export async function GET(_request: Request, { params }: RouteContext<'/connections/[id]/agreement'>) {
  const viewer = await getViewer()
  if (!viewer) return new Response('Unauthorized', { status: 401 })
  try {
    const terms = await agreementTermsFor(viewer, (await params).id)
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
    if (error instanceof DomainError) return new Response('Not found', { status: 404 })
    throw error
  }
}
