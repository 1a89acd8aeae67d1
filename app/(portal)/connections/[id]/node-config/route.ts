import { getTranslations } from 'next-intl/server'
import { ForbiddenError } from '@/lib/auth/roles'
import { getViewer } from '@/lib/auth/viewer'
import { issueDevNodeConfiguration } from '@/lib/connections/nodes'
import { DomainError } from '@/lib/errors'
import { sameOrigin } from '@/lib/http/request'

/**
 * The consumer's development node configuration. Each download issues fresh development credentials
 * (only their hash is kept) and ends the previous ones, so it is a POST the person confirms on the
 * case page; there is no GET (Next.js answers 405), so a link or a cross-site navigation changes nothing.
 */
export async function POST(request: Request, { params }: RouteContext<'/connections/[id]/node-config'>) {
  const t = await getTranslations('errors')
  const viewer = await getViewer()
  if (!viewer) return new Response(t('unauthorized'), { status: 401 })
  if (!sameOrigin(request)) return new Response(t('forbidden'), { status: 403 })
  try {
    const { fileName, body } = await issueDevNodeConfiguration(viewer, (await params).id)
    return new Response(body, {
      headers: {
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Disposition': `attachment; filename="${fileName}"`,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      },
    })
  } catch (error) {
    if (error instanceof ForbiddenError) return new Response(t('forbidden'), { status: 403 })
    if (error instanceof DomainError) return new Response(t('notFound'), { status: 404 })
    throw error
  }
}
