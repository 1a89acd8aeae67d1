import 'server-only'
import type { z } from 'zod'
import type { Viewer } from '@/lib/auth/load-viewer'
import { getViewer } from '@/lib/auth/viewer'
import { problem, problemTitle, spanishZodErrors, validationProblem } from '@/lib/http/problem'
import { messages } from '@/lib/i18n/messages'
import { decodeCursor } from './api'
import { itemParamsSchema } from './api-schemas'

const JSON_HEADERS = { 'Cache-Control': 'no-store' }

/**
 * Who may call the catalog API: signed-in people (the portal's session cookie). Nodes will call it
 * with their credential once the node API's authentication is merged (lib/nodes/authenticate.ts):
 * accept either here, with a node seeing what its institution's members see.
 */
async function caller(): Promise<Viewer | Response> {
  const viewer = await getViewer()
  return (
    viewer ??
    problem(401, problemTitle(401), messages.catalog.api.unauthenticated, undefined, {
      'WWW-Authenticate': 'Bearer realm="portal-pisee"',
    })
  )
}

function unexpected(error: unknown): Response {
  console.error('catalog api', error)
  return problem(500, problemTitle(500))
}

/** A list endpoint: the caller, the query validated by `schema`, the cursor decoded, then `run`. */
export async function listEndpoint<S extends z.ZodType<{ cursor?: string }>>(
  request: Request,
  schema: S,
  run: (viewer: Viewer, query: z.output<S>, afterCode: string | undefined) => Promise<unknown>,
): Promise<Response> {
  const viewer = await caller()
  if (viewer instanceof Response) return viewer
  const url = new URL(request.url)
  const parsed = schema.safeParse(Object.fromEntries(url.searchParams), { error: spanishZodErrors })
  if (!parsed.success) return validationProblem(parsed.error)
  const afterCode = decodeCursor(parsed.data.cursor)
  if (afterCode === null) {
    return problem(422, problemTitle(422), messages.catalog.api.invalidCursor, {
      errors: [{ pointer: '/cursor', detail: messages.catalog.api.invalidCursor }],
    })
  }
  try {
    return Response.json(await run(viewer, parsed.data, afterCode), { headers: JSON_HEADERS })
  } catch (error) {
    return unexpected(error)
  }
}

/** An item endpoint: the caller, the id (or code) checked, then `find`; 404 when not visible. */
export async function itemEndpoint(
  params: Promise<{ id: string }>,
  find: (viewer: Viewer, idOrCode: string) => Promise<unknown>,
): Promise<Response> {
  const viewer = await caller()
  if (viewer instanceof Response) return viewer
  const parsed = itemParamsSchema.safeParse(await params)
  if (!parsed.success) return problem(404, problemTitle(404), messages.catalog.api.notFound)
  try {
    const found = await find(viewer, parsed.data.id)
    return found
      ? Response.json(found, { headers: JSON_HEADERS })
      : problem(404, problemTitle(404), messages.catalog.api.notFound)
  } catch (error) {
    return unexpected(error)
  }
}
