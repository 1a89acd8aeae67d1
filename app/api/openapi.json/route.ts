import { openApiDocumentCached } from '@/lib/openapi/document'

export const dynamic = 'force-dynamic'

// Public: the reference of the machine APIs, read by the institutions' technical teams and tools.
export function GET() {
  return Response.json(openApiDocumentCached(), { headers: { 'Cache-Control': 'public, max-age=300' } })
}
