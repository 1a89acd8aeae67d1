// Liveness: the process answers. Public, like /api/health; restart the replica when it fails.
export const dynamic = 'force-dynamic'

export function GET() {
  return Response.json({ status: 'ok' }, { headers: { 'Cache-Control': 'no-store' } })
}
