import { downloadRefusal } from '@/lib/http/download-errors'
import { getViewer } from '@/lib/auth/viewer'
import { issueDevNodeConfiguration } from '@/lib/connections/nodes'
import { DomainError } from '@/lib/errors'
import { ForbiddenError } from '@/lib/auth/roles'

/**
 * The consumer's development node configuration. Each download issues fresh development credentials
 * (only their hash is kept), so a configuration is never stored in the clear.
 */
export async function GET(_request: Request, { params }: RouteContext<'/connections/[id]/node-config'>) {
  const viewer = await getViewer()
  if (!viewer) return downloadRefusal(401)
  try {
    const { fileName, body } = await issueDevNodeConfiguration(viewer, (await params).id)
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
