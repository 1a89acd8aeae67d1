import type { z } from 'zod'

/**
 * Problem details (RFC 9457) for the machine APIs: `application/problem+json` with a Spanish title
 * and detail. Shared by every /api/v1 route handler (docs/decisions: the node API).
 */
export function problem(
  status: number,
  title: string,
  detail?: string,
  extra?: Record<string, unknown>,
  headers?: HeadersInit,
): Response {
  const body = { type: 'about:blank', title, status, ...(detail === undefined ? {} : { detail }), ...extra }
  const responseHeaders = new Headers(headers)
  responseHeaders.set('Content-Type', 'application/problem+json')
  return new Response(JSON.stringify(body), { status, headers: responseHeaders })
}

/** A JSON Pointer (RFC 6901) to the value an issue is about: ['records', 3, 'time'] → '/records/3/time'. */
function pointer(path: readonly PropertyKey[]): string {
  return path.map((part) => `/${String(part).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('')
}

/** 422 with one `{ pointer, detail }` per issue of the zod error. */
export function validationProblem(error: z.ZodError): Response {
  const errors = error.issues.map((issue) => ({ pointer: pointer(issue.path), detail: issue.message }))
  return problem(422, 'Datos no válidos', 'La solicitud tiene errores; ninguno de sus datos se guardó.', { errors })
}
