/**
 * Every form reads dates, links, numbers and text through lib/forms/fields.ts (issue 7 §2): an
 * impossible value is refused with a Spanish field error, never stored as another value.
 */
import { describe, expect, it } from 'vitest'
import type { z } from 'zod'
import { agreementApprovalSchema } from '@/lib/agreements/schemas'
import { connectivityTestSchema, meetingRequestSchema, scheduleMeetingSchema } from '@/lib/connections/schemas'
import { messages } from '@/lib/i18n/messages'
import { addMemberSchema } from '@/lib/institutions/schemas'
import { cooperationSchema, terminationSchema } from '@/lib/readiness/schemas'
import { attendanceSchema, workshopSchema } from '@/lib/trainings/schemas'

/** The Spanish message shown at `field`, or null when the value is accepted. */
function fieldError(schema: z.ZodType, input: Record<string, unknown>, field: string): string | null {
  const parsed = schema.safeParse(input)
  if (parsed.success) return null
  const issue = parsed.error.issues.find((i) => i.path[0] === field)
  if (!issue) return null
  return (messages.validation as Record<string, string>)[issue.message] ?? `untranslated: ${issue.message}`
}

const id = 'cmabcdefghijklmnopqrstuvw'
const request = {
  consumerId: id,
  serviceId: id,
  requesterRole: 'CONSUMER',
  needs: 'Datos',
  preferredDates: ['2026-12-01'],
}
const schedule = { meetingAt: '2026-12-01T10:00', meetingLink: 'https://meet.example.cl/x' }
const levels = { availability: '99%', responseTime: '2 s', supportHours: '9-18', endsOn: '' }
const test = { ranAt: '2026-11-20T10:00', target: 'dev', outcome: 'PASSED', latencyMs: '120', notes: '' }
const cooperation = {
  signedOn: '2024-01-10',
  segpresDecreeNumber: '1',
  segpresDecreeDate: '2024-02-01',
  institutionDecreeNumber: '2',
  institutionDecreeDate: '2024-02-15',
}

describe('calendar dates', () => {
  it('are read as midnight UTC Date values', () => {
    expect(meetingRequestSchema.parse(request).preferredDates).toEqual([new Date('2026-12-01T00:00:00Z')])
    expect(agreementApprovalSchema.parse({ ...levels, endsOn: '2028-02-29' }).endsOn).toEqual(
      new Date('2028-02-29T00:00:00Z'),
    )
    expect(agreementApprovalSchema.parse(levels).endsOn).toBeNull()
  })

  it('refuse days that do not exist, in every form', () => {
    for (const bad of [
      '2026-13-01',
      '2027-02-30',
      '2026-00-10',
      '2026-04-31',
      '26-1-1',
      '2026-01-01T00:00',
      '99999-01-01',
      '2026-01-0\u0000',
    ]) {
      expect(fieldError(meetingRequestSchema, { ...request, preferredDates: [bad] }, 'preferredDates')).toBe(
        'Ingresa una fecha válida.',
      )
      expect(fieldError(agreementApprovalSchema, { ...levels, endsOn: bad }, 'endsOn')).toBe(
        'Ingresa una fecha válida.',
      )
      expect(fieldError(cooperationSchema, { ...cooperation, signedOn: bad }, 'signedOn')).toBe(
        'Ingresa una fecha válida.',
      )
      expect(
        fieldError(terminationSchema, { party: 'SEGPRES', noticeOn: bad, terminatesOn: '2027-01-01' }, 'noticeOn'),
      ).toBe('Ingresa una fecha válida.')
      expect(fieldError(workshopSchema, { kind: 'CONSUMPTION', title: 'Taller', heldOn: bad }, 'heldOn')).toBe(
        'Ingresa una fecha válida.',
      )
    }
  })
})

describe('Chilean date-times', () => {
  it('are read in America/Santiago, summer and winter', () => {
    expect(scheduleMeetingSchema.parse(schedule).meetingAt.toISOString()).toBe('2026-12-01T13:00:00.000Z')
    expect(connectivityTestSchema.parse({ ...test, ranAt: '2026-07-01T08:00' }).ranAt.toISOString()).toBe(
      '2026-07-01T12:00:00.000Z',
    )
  })

  it('refuse impossible times and the hour skipped when summer time starts', () => {
    for (const bad of [
      '2026-13-45T25:61',
      '2026-02-30T10:00',
      '2026-12-01T24:00',
      '2026-12-01T10:60',
      '2026-09-06T00:30',
      '2026-12-01',
      '',
    ]) {
      expect(fieldError(scheduleMeetingSchema, { ...schedule, meetingAt: bad }, 'meetingAt')).toBe(
        'Ingresa una fecha y hora válidas.',
      )
      expect(fieldError(connectivityTestSchema, { ...test, ranAt: bad }, 'ranAt')).toBe(
        'Ingresa una fecha y hora válidas.',
      )
    }
  })
})

describe('links', () => {
  it('must be https', () => {
    expect(fieldError(scheduleMeetingSchema, schedule, 'meetingLink')).toBeNull()
    for (const bad of [
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'http://meet.example.cl/x',
      'https://',
      'meet.example.cl',
      'https://user:pw@evil.cl',
      ' https://a.cl/\u0000',
    ]) {
      expect(fieldError(scheduleMeetingSchema, { ...schedule, meetingLink: bad }, 'meetingLink')).toBe(
        'Ingresa un enlace válido (https://…).',
      )
    }
  })
})

describe('integers', () => {
  it('are decimal digits only, within bounds', () => {
    expect(connectivityTestSchema.parse(test).latencyMs).toBe(120)
    expect(connectivityTestSchema.parse({ ...test, latencyMs: '' }).latencyMs).toBeNull()
    for (const bad of ['0x10', '1e3', '12.0', '-1', '600001', ' 1 2', '١٢']) {
      expect(fieldError(connectivityTestSchema, { ...test, latencyMs: bad }, 'latencyMs')).toBe(
        'La latencia debe ser un número entero de milisegundos.',
      )
    }
  })
})

describe('text and ids', () => {
  it('refuse NUL bytes and other control characters with a field error', () => {
    expect(fieldError(meetingRequestSchema, { ...request, needs: 'a\u0000b' }, 'needs')).toBe(
      'El texto contiene caracteres no permitidos.',
    )
    expect(
      fieldError(addMemberSchema, { run: '11.111.111-1', name: 'Ana\u0000 Pérez', email: '', role: 'CTD' }, 'name'),
    ).toBe('El texto contiene caracteres no permitidos.')
    expect(fieldError(workshopSchema, { kind: 'CONSUMPTION', title: 'T\u0007', heldOn: '2026-01-10' }, 'title')).toBe(
      'El texto contiene caracteres no permitidos.',
    )
    expect(fieldError(meetingRequestSchema, { ...request, needs: 'línea 1\r\n\tlínea 2' }, 'needs')).toBeNull()
  })

  it('refuse ids that cannot be one', () => {
    for (const bad of ['\u0000', '%E0%A4%A', 'a'.repeat(65), '../x', 'a b']) {
      expect(fieldError(meetingRequestSchema, { ...request, consumerId: bad }, 'consumerId')).toBe('Valor no válido.')
      expect(fieldError(attendanceSchema, { run: '11.111.111-1', institutionId: bad }, 'institutionId')).toBe(
        'Valor no válido.',
      )
    }
  })
})
