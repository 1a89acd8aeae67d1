import type { z } from 'zod'
import { readBodyWithin, BodyTooLargeError } from '@/lib/http/request'
import { problem, problemDetail, problemTitle, spanishZodErrors, validationProblem } from '@/lib/http/problem'
import { authenticateNode, type NodeCaller } from '@/lib/nodes/authenticate'
import { parseCredential } from '@/lib/nodes/credentials'
import { log } from '@/lib/log/logger'
import { logNodeCall } from './log'
import { NODE_API_BODY_LIMIT_BYTES } from './schemas'
import { consumeNodeCall, rateLimitHeaders, RATE_LIMIT_WINDOW_SECONDS } from './rate-limit'

export type NodeApiContext = { request: Request; caller: NodeCaller; now: Date }

/** A refusal that carries its own response, thrown from inside a handler (a body that cannot be read…). */
export class ProblemResponse extends Error {
  constructor(readonly response: Response) {
    super(`problem ${response.status}`)
  }
}

export const UNAUTHORIZED_HEADERS = { 'WWW-Authenticate': 'Bearer realm="pisee-node-api"' }

/**
 * Wraps a node API route: authenticates the node's credential (401 problem otherwise), counts the
 * call against the node's rate limit (429 with Retry-After), runs the handler, turns anything
 * unexpected into a 500 problem without internals, and logs one line with the node's id.
 */
export function nodeApiRoute(operation: string, handler: (context: NodeApiContext) => Promise<Response>) {
  return async (request: Request): Promise<Response> => {
    const started = performance.now()
    const now = new Date()
    let nodeId: string | undefined
    let keyId: string | undefined
    let reason: string | undefined
    let response: Response
    try {
      const authentication = await authenticateNode(request, now)
      if (!authentication.ok) {
        keyId = keyIdOf(request)
        reason = authentication.detail
        response = problem(401, problemTitle(401), authentication.detail, undefined, UNAUTHORIZED_HEADERS)
      } else {
        const { caller } = authentication
        nodeId = caller.nodeId
        keyId = caller.keyId
        const decision = await consumeNodeCall(caller.nodeId)
        if (!decision.allowed) {
          reason = 'rate limited'
          response = problem(
            429,
            problemTitle(429),
            problemDetail('rateLimited', {
              points: decision.limit,
              seconds: RATE_LIMIT_WINDOW_SECONDS,
              retryAfter: decision.retryAfterSeconds,
            }),
            undefined,
            { 'Retry-After': String(decision.retryAfterSeconds), 'RateLimit-Limit': String(decision.limit) },
          )
        } else {
          response = await handler({ request, caller, now }).catch((error: unknown) => {
            if (error instanceof ProblemResponse) return error.response
            throw error
          })
          for (const [name, value] of Object.entries(rateLimitHeaders(decision))) response.headers.set(name, value)
        }
      }
    } catch (error) {
      log.error({ err: error, operation, nodeId }, 'node API call failed')
      response = problem(500, problemTitle(500), problemDetail('unexpected'))
    }
    if (response.status >= 400 && !reason) reason = await detailOf(response)
    logNodeCall({
      operation,
      method: request.method,
      status: response.status,
      durationMs: performance.now() - started,
      nodeId,
      keyId,
      reason,
    })
    return response
  }
}

/** The key id a refused token named, when it was well formed: public, unlike the token. */
function keyIdOf(request: Request): string | undefined {
  const token = /^Bearer[ ]+(\S+)/i.exec(request.headers.get('authorization') ?? '')?.[1]
  return token ? parseCredential(token)?.keyId : undefined
}

async function detailOf(response: Response): Promise<string | undefined> {
  try {
    const body = (await response.clone().json()) as { detail?: unknown }
    return typeof body.detail === 'string' ? body.detail : undefined
  } catch {
    return undefined
  }
}

/**
 * The request's JSON body checked against `schema`: 415 when it is not JSON, 413 over the limit,
 * 400 when it does not parse, 422 naming each wrong field. Thrown as ProblemResponse.
 */
export async function readJson<S extends z.ZodType>(request: Request, schema: S): Promise<z.output<S>> {
  const value = await readJsonBody(request, NODE_API_BODY_LIMIT_BYTES)
  const result = schema.safeParse(value, { error: spanishZodErrors })
  if (!result.success) throw new ProblemResponse(validationProblem(result.error))
  return result.data
}

/**
 * A JSON body of at most `limitBytes`, parsed but not yet validated (for a route that validates it
 * itself, as the trace batch does): 415 for another content type, 413 past the limit, 400 when it is
 * not UTF-8 JSON.
 */
export async function readJsonBody(request: Request, limitBytes: number): Promise<unknown> {
  const contentType = request.headers.get('content-type') ?? ''
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(contentType.trim())) {
    throw new ProblemResponse(problem(415, problemTitle(415), problemDetail('notJson')))
  }
  let bytes: Uint8Array
  try {
    bytes = await readBodyWithin(request, limitBytes)
  } catch (error) {
    if (error instanceof BodyTooLargeError) {
      throw new ProblemResponse(
        problem(413, problemTitle(413), problemDetail('bodyTooLarge', { limit: limitBytes }), { limit: limitBytes }),
      )
    }
    throw new ProblemResponse(problem(400, problemTitle(400), problemDetail('malformedJson')))
  }
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as unknown
  } catch {
    throw new ProblemResponse(problem(400, problemTitle(400), problemDetail('malformedJson')))
  }
}
