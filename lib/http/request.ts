/**
 * Guards for route handlers that change state (server actions get the same from Next.js): a cross-site
 * POST is refused, and a body is read only up to a limit, whatever Content-Length says or omits.
 */

/**
 * False when the request comes from another site: its Origin's host is not the one the request was
 * sent to (as Next.js checks server actions). Browsers send Origin on every POST; none means no
 * browser's cross-site post.
 */
export function sameOrigin(request: Request): boolean {
  const origin = request.headers.get('origin')
  if (!origin) return true
  const host = request.headers.get('x-forwarded-host')?.split(',')[0]?.trim() ?? request.headers.get('host')
  try {
    return new URL(origin).host === host
  } catch {
    return false
  }
}

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`Request body over ${limit} bytes`)
    this.name = 'BodyTooLargeError'
  }
}

/**
 * The request's body, read while counting: more than `maxBytes` (declared or streamed, chunked bodies
 * included) stops the read and throws BodyTooLargeError, so an oversized body is never held whole.
 */
export async function readBodyWithin(request: Request, maxBytes: number): Promise<Uint8Array> {
  const declared = request.headers.get('content-length')
  if (declared !== null && Number(declared) > maxBytes) throw new BodyTooLargeError(maxBytes)
  if (!request.body) return new Uint8Array()
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.byteLength
    if (total > maxBytes) {
      await reader.cancel().catch(() => {})
      throw new BodyTooLargeError(maxBytes)
    }
    chunks.push(value)
  }
  const body = new Uint8Array(total)
  let offset = 0
  for (const chunk of chunks) {
    body.set(chunk, offset)
    offset += chunk.byteLength
  }
  return body
}

/** The multipart or urlencoded form of a body already read; null when it is not a form. */
export async function formDataOf(request: Request, body: Uint8Array): Promise<FormData | null> {
  const contentType = request.headers.get('content-type')
  if (!contentType) return null
  return new Response(body as BodyInit, { headers: { 'content-type': contentType } }).formData().catch(() => null)
}
