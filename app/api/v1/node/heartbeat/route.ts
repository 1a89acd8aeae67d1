import { nodeApiRoute, readJson } from '@/lib/nodes/api/handler'
import { recordHeartbeat } from '@/lib/nodes/api/operations'
import { heartbeatRequestSchema } from '@/lib/nodes/api/schemas'

export const dynamic = 'force-dynamic'

export const POST = nodeApiRoute('heartbeat', async ({ request, caller, now }) => {
  const heartbeat = await readJson(request, heartbeatRequestSchema)
  const answer = await recordHeartbeat(caller, heartbeat, now)
  return Response.json(answer, { headers: { 'Cache-Control': 'no-store' } })
})
