import { problem, validationProblem } from '@/lib/http/problem'
import { nodeApiRoute, readJsonBody } from '@/lib/nodes/api/handler'
import { ingestTraces } from '@/lib/traces/ingest'
import { MissingTraceKeyError } from '@/lib/traces/subject'

export const dynamic = 'force-dynamic'

/** 5,000 records of about 600 bytes each, with room to spare. */
const MAX_BODY_BYTES = 8 * 1024 * 1024

/**
 * A node reports a batch of trace records (lib/traces/ingest.ts; OpenAPI in lib/traces/openapi.ts).
 * Like every node API call: the node's credential, its rate limit and one log line with the node.
 */
export const POST = nodeApiRoute('traces', async ({ request, caller, now }) => {
  const body = await readJsonBody(request, MAX_BODY_BYTES)
  try {
    const outcome = await ingestTraces(caller, body, now)
    switch (outcome.kind) {
      case 'invalid':
        return validationProblem(outcome.error)
      case 'refused':
        return problem(outcome.status, outcome.title, outcome.detail, { errors: outcome.errors })
      case 'stored':
        return Response.json(outcome.answer, { headers: { 'Cache-Control': 'no-store' } })
    }
  } catch (error) {
    if (error instanceof MissingTraceKeyError)
      return problem(503, 'Registro no disponible', 'El portal no tiene configurada la clave TRACE_RUN_KEY.')
    throw error
  }
})
