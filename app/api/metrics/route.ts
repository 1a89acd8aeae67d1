import { problem } from '@/lib/http/problem'
import { readMetrics, metricsAuthorized } from '@/lib/server/metrics-endpoint'

// Prometheus metrics for the scraper holding METRICS_TOKEN (lib/server/metrics-endpoint.ts).
export const dynamic = 'force-dynamic'

export async function GET(request: Request) {
  const authorized = metricsAuthorized(request.headers.get('authorization'))
  if (authorized === 'disabled') return problem(404)
  if (!authorized)
    return problem(401, undefined, undefined, undefined, { 'WWW-Authenticate': 'Bearer realm="metrics"' })
  const { body, contentType } = await readMetrics()
  return new Response(body, { headers: { 'Content-Type': contentType, 'Cache-Control': 'no-store' } })
}
