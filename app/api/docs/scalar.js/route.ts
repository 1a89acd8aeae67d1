import { scalarBundle } from '@/lib/openapi/reference-page'

export const dynamic = 'force-dynamic'

/** Scalar's renderer, from node_modules: the reference page loads nothing from outside the portal. */
export async function GET() {
  const body = await scalarBundle()
  return new Response(new Uint8Array(body), {
    headers: { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'public, max-age=86400' },
  })
}
