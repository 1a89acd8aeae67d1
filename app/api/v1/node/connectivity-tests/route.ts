import { nodeApiRoute, readJson } from '@/lib/nodes/api/handler'
import { recordConnectivityTest } from '@/lib/nodes/api/operations'
import { connectivityTestRequestSchema } from '@/lib/nodes/api/schemas'

export const dynamic = 'force-dynamic'

export const POST = nodeApiRoute('connectivity-tests', async ({ request, caller, now }) => {
  const report = await readJson(request, connectivityTestRequestSchema)
  const test = await recordConnectivityTest(caller, report, now)
  return Response.json(test, { status: 201, headers: { 'Cache-Control': 'no-store' } })
})
