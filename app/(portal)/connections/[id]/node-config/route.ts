import { ForbiddenError } from '@/lib/auth/roles'
import { getViewer } from '@/lib/auth/viewer'
import { issueDevNodeConfiguration } from '@/lib/connections/nodes'
import { DomainError } from '@/lib/errors'
import { downloadRefusal } from '@/lib/http/download-errors'
import { sameOrigin } from '@/lib/http/request'
import { isRecordId } from '@/lib/ids'

/**
 * The consumer's development node configuration. Each download issues fresh development credentials
 * (only their hash is kept) and ends the previous ones, so it is a POST the person confirms on the
 * case page; there is no GET (Next.js answers 405), so a link or a cross-site navigation changes nothing.
 */
export async function POST(request: Request, { params }: RouteContext<'/connections/[id]/node-config'>) {
  const viewer = await getViewer()
  if (!viewer) return downloadRefusal(401)
  if (!sameOrigin(request)) return downloadRefusal(403)
  const { id } = await params
  if (!isRecordId(id)) return downloadRefusal(404)
  try {
    const { fileName, body } = await issueDevNodeConfiguration(viewer, id)
    return new Response(body, {
      headers: {
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Disposition': `attachment; filename="${fileName}"`,
        'Cache-Control': 'no-store',
      },
    })
  } catch (error) {
    if (error instanceof ForbiddenError) return downloadRefusal(403)
    if (error instanceof DomainError) return downloadRefusal(404)
    throw error
  }
}
