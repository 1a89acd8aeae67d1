import { problem } from '@/lib/http/problem'
import { publicKeySet } from '@/lib/nodes/api/signing'

export const dynamic = 'force-dynamic'

// Public by design: nodes verify the configuration's signature with these keys before trusting it.
export async function GET() {
  try {
    const keys = await publicKeySet()
    return Response.json(keys, {
      headers: { 'Content-Type': 'application/jwk-set+json', 'Cache-Control': 'public, max-age=300' },
    })
  } catch (error) {
    console.error(JSON.stringify({ event: 'keys-error', error: String(error) }))
    return problem(503)
  }
}
