import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { jsonPointer, problem, spanishZodErrors, validationProblem } from './problem'

describe('problem details', () => {
  it('answers application/problem+json with a Spanish title, the status and the detail', async () => {
    const response = problem(413, undefined, 'El cuerpo supera el máximo.', { limit: 10 }, { 'Retry-After': '3' })
    expect(response.status).toBe(413)
    expect(response.headers.get('content-type')).toBe('application/problem+json')
    expect(response.headers.get('retry-after')).toBe('3')
    expect(await response.json()).toEqual({
      type: 'about:blank',
      title: 'Contenido demasiado grande',
      status: 413,
      detail: 'El cuerpo supera el máximo.',
      limit: 10,
    })
  })

  it('names each invalid field by its JSON Pointer, in Spanish', async () => {
    const schema = z.object({ records: z.array(z.object({ time: z.iso.datetime() })), 'a/b': z.number() })
    const result = schema.safeParse({ records: [{ time: 'x' }], 'a/b': 'y' }, { error: spanishZodErrors })
    const response = validationProblem(result.error!)
    expect(response.status).toBe(422)
    const body = (await response.json()) as { title: string; errors: { pointer: string; detail: string }[] }
    expect(body.title).toBe('Datos no válidos')
    expect(body.errors.map((e) => e.pointer)).toEqual(['/records/0/time', '/a~1b'])
    expect(body.errors[1]!.detail).toMatch(/se esperaba número/)
  })

  it('escapes pointer tokens as RFC 6901 says', () => {
    expect(jsonPointer(['a~b', 'c/d', 0])).toBe('/a~0b/c~1d/0')
    expect(jsonPointer([])).toBe('')
  })
})
