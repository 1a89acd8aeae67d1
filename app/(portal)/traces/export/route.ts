import { can } from '@/lib/auth/roles'
import { getViewer } from '@/lib/auth/viewer'
import { downloadRefusal } from '@/lib/http/download-errors'
import { exportTraces } from '@/lib/traces/queries'
import { parseTraceSearch } from '@/lib/traces/search-params'

/** The filtered view of the registry as CSV, streamed from a database cursor (never built in memory). */
export async function GET(request: Request) {
  const viewer = await getViewer()
  if (!viewer || !can(viewer, 'traces.read')) return downloadRefusal(403)
  const search = parseTraceSearch(Object.fromEntries(new URL(request.url).searchParams))
  const stream = exportTraces(viewer, search)
  if (!stream) return downloadRefusal(403)
  return new Response(stream, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': 'attachment; filename="trazabilidad.csv"',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  })
}
