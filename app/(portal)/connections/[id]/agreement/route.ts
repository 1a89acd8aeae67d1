import { getViewer } from '@/lib/auth/viewer'
import { agreementText } from '@/lib/connections/agreement-document'
import { agreementTermsFor } from '@/lib/connections/queries'
import { DomainError } from '@/lib/errors'

/** The agreement's terms as the document the parties sign; only for the case's parties. */
export async function GET(_request: Request, { params }: RouteContext<'/connections/[id]/agreement'>) {
  const viewer = await getViewer()
  if (!viewer) return new Response('Unauthorized', { status: 401 })
  try {
    const terms = await agreementTermsFor(viewer, (await params).id)
    return new Response(agreementText(terms), {
      headers: {
        'Content-Type': 'text/plain; charset=utf-8',
        'Content-Disposition': `attachment; filename="acuerdo-caso-${terms.caseNumber}.txt"`,
        'Cache-Control': 'no-store',
      },
    })
  } catch (error) {
    if (error instanceof DomainError) return new Response('Not found', { status: 404 })
    throw error
  }
}
