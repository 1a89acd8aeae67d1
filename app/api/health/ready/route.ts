import { checkReadiness } from '@/lib/health'
import { shuttingDown } from '@/lib/server/shutdown'

// Readiness: send this replica traffic only while it answers 200 — the database answers, every
// migration is applied, and it is not shutting down. Public: it reveals no more than /api/health.
export const dynamic = 'force-dynamic'

export async function GET() {
  const readiness = await checkReadiness({ shuttingDown: shuttingDown() })
  return Response.json(readiness, {
    status: readiness.status === 'ready' ? 200 : 503,
    headers: { 'Cache-Control': 'no-store' },
  })
}
