import { readMetrics, metricsAuthorized } from '@/lib/server/metrics-endpoint'

// Prometheus metrics for the scraper holding METRICS_TOKEN (lib/server/metrics-endpoint.ts).
export const dynamic = 'force-dynamic'

export async function GET(request: Request) {
  const authorized = metricsAuthorized(request.headers.get('authorization'))
  if (authorized === 'disabled') return new Response('Not found', { status: 404 })
  if (!authorized) {
    return new Response('Unauthorized', { status: 401, headers: { 'WWW-Authenticate': 'Bearer realm="metrics"' } })
  }
  const { body, contentType } = await readMetrics()
  return new Response(body, { headers: { 'Content-Type': contentType, 'Cache-Control': 'no-store' } })
}
