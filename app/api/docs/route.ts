import { referencePage } from '@/lib/openapi/reference-page'

export const dynamic = 'force-dynamic'

// Public: the readable reference of /api/openapi.json. proxy.ts puts this request's nonce in x-nonce.
export function GET(request: Request) {
  const nonce = request.headers.get('x-nonce') ?? ''
  return new Response(referencePage(nonce), {
    headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' },
  })
}
