import { describe, expect, it } from 'vitest'
import { BodyTooLargeError, formDataOf, readBodyWithin, sameOrigin } from './request'

/** A body sent in chunks with no Content-Length, as `Transfer-Encoding: chunked` arrives. */
function chunked(chunks: number, size: number): Request {
  let sent = 0
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent++ === chunks) return controller.close()
      controller.enqueue(new Uint8Array(size))
    },
  })
  return new Request('http://localhost/upload', { method: 'POST', body, duplex: 'half' } as RequestInit)
}

describe('readBodyWithin', () => {
  it('stops a chunked body without Content-Length at the limit', async () => {
    const request = chunked(100, 64 * 1024)
    expect(request.headers.get('content-length')).toBeNull()
    await expect(readBodyWithin(request, 1024 * 1024)).rejects.toThrow(BodyTooLargeError)
  })

  it('refuses a declared length over the limit before reading', async () => {
    const request = new Request('http://localhost/upload', {
      method: 'POST',
      body: 'x',
      headers: { 'content-length': '99999999' },
    })
    await expect(readBodyWithin(request, 1024)).rejects.toThrow(BodyTooLargeError)
  })

  it('returns a body within the limit, readable as its form', async () => {
    const form = new FormData()
    form.set('file', new File([new Uint8Array(10)], 'a.pdf'))
    const request = new Request('http://localhost/upload', { method: 'POST', body: form })
    const body = await readBodyWithin(request, 1024 * 1024)
    expect(((await formDataOf(request, body))?.get('file') as File).size).toBe(10)
  })
})

describe('sameOrigin', () => {
  it('refuses another site and a malformed Origin', () => {
    const from = (origin: string) =>
      new Request('http://localhost:3000/x', { headers: { origin, host: 'localhost:3000' } })
    expect(sameOrigin(from('http://localhost:3000'))).toBe(true)
    expect(sameOrigin(from('https://evil.example'))).toBe(false)
    expect(sameOrigin(from('null'))).toBe(false)
  })
})
