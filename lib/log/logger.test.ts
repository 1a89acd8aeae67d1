import { Writable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { createLogger, runWithLogContext, scrub, setLogContext } from './logger'

function capture() {
  const lines: Record<string, unknown>[] = []
  const stream = new Writable({
    write(chunk, _encoding, callback) {
      for (const line of String(chunk).split('\n').filter(Boolean))
        lines.push(JSON.parse(line) as Record<string, unknown>)
      callback()
    },
  })
  return { lines, logger: createLogger(stream, 'debug') }
}

describe('the log', () => {
  it('writes one JSON object per line with the request id and person of the context on every line', () => {
    const { lines, logger } = capture()
    runWithLogContext({ requestId: 'req-12345678' }, () => {
      logger.info('first')
      setLogContext({ personId: 'person-1' })
      logger.info({ caseId: 'c1' }, 'second')
    })
    logger.info('outside')
    expect(lines.map((l) => [l.msg, l.requestId, l.personId, l.level])).toEqual([
      ['first', 'req-12345678', undefined, 'info'],
      ['second', 'req-12345678', 'person-1', 'info'],
      ['outside', undefined, undefined, 'info'],
    ])
    expect(lines[1]).toMatchObject({ caseId: 'c1', service: 'portal-pisee' })
  })

  it('never writes secrets, tokens, credentials or RUNs', () => {
    const { lines, logger } = capture()
    logger.info(
      {
        token: 'tok-secret-1',
        session: { sessionToken: 'tok-secret-2' },
        headers: { authorization: 'Bearer tok-secret-3', cookie: 'pisee.session-token=tok-secret-4' },
        run: '12345678-5',
        person: { rut: '12.345.678-5' },
        smtp: 'smtp://mailer:pa55word@mail.example.cl:587',
        note: 'designated 9.876.543-3 and 11111111-1',
      },
      'about 7.654.321-K',
    )
    const text = JSON.stringify(lines)
    for (const secret of [
      'tok-secret',
      'pa55word',
      '12345678-5',
      '12.345.678-5',
      '9.876.543-3',
      '11111111-1',
      '7.654.321-K',
    ])
      expect(text).not.toContain(secret)
    expect(lines[0]).toMatchObject({ token: '[Redacted]', smtp: 'smtp://[Redacted]@mail.example.cl:587' })
  })

  it('leaves dates, ids and counts alone', () => {
    expect(scrub('2026-11-30T14:05:00.000Z case cmabc123 sent 12')).toBe(
      '2026-11-30T14:05:00.000Z case cmabc123 sent 12',
    )
  })
})
