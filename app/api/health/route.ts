import { checkHealth } from '@/lib/health'

// Public by design: load balancers and the network's monitoring call it without credentials, and it
// reveals nothing but whether the database answers.
export const dynamic = 'force-dynamic'

export async function GET() {
  const health = await checkHealth()
  return Response.json(health, { status: health.status === 'ok' ? 200 : 503, headers: { 'Cache-Control': 'no-store' } })
}
