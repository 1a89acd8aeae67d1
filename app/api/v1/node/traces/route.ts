import { problem, validationProblem } from '@/lib/http/problem'
import { BodyTooLargeError, readBodyWithin } from '@/lib/http/request'
import { authenticateNode } from '@/lib/nodes/authenticate'
import { ingestTraces } from '@/lib/traces/ingest'
import { MissingTraceKeyError } from '@/lib/traces/subject'

/** 5,000 records of about 600 bytes each, with room to spare. */
const MAX_BODY_BYTES = 8 * 1024 * 1024

/** A node reports a batch of trace records (lib/traces/ingest.ts; OpenAPI in lib/traces/openapi.ts). */
export async function POST(request: Request): Promise<Response> {
  const auth = await authenticateNode(request)
  if (!auth.ok)
    return problem(401, 'No autenticado', auth.detail, undefined, { 'WWW-Authenticate': 'Bearer realm="pisee"' })
  // Only JSON is read: a form or text body is refused before it is parsed (a charset parameter is fine).
  const contentType = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase()
  if (contentType !== 'application/json')
    return problem(415, 'Tipo de contenido no admitido', 'El lote se envía como «Content-Type: application/json».')
  let body: unknown
  try {
    body = JSON.parse(new TextDecoder().decode(await readBodyWithin(request, MAX_BODY_BYTES)))
  } catch (error) {
    if (error instanceof BodyTooLargeError)
      return problem(413, 'Lote demasiado grande', `El cuerpo supera ${MAX_BODY_BYTES} bytes.`)
    return problem(400, 'Cuerpo no válido', 'El cuerpo debe ser JSON: { "records": [ … ] }.')
  }
  try {
    const outcome = await ingestTraces(auth.caller, body)
    switch (outcome.kind) {
      case 'invalid':
        return validationProblem(outcome.error)
      case 'refused':
        return problem(outcome.status, outcome.title, outcome.detail, { errors: outcome.errors })
      case 'stored':
        return Response.json(outcome.answer)
    }
  } catch (error) {
    if (error instanceof MissingTraceKeyError)
      return problem(503, 'Registro no disponible', 'El portal no tiene configurada la clave TRACE_RUN_KEY.')
    throw error
  }
}
