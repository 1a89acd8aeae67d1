import { describe, expect, it } from 'vitest'
import { addMemberSchema } from './schemas'

describe('addMemberSchema', () => {
  it('normalizes the RUN and turns an empty e-mail into null', () => {
    const parsed = addMemberSchema.parse({ run: ' 12.345.678-5 ', name: '  Ana Rojas ', email: '', role: 'CTD' })
    expect(parsed).toEqual({ run: '12345678-5', name: 'Ana Rojas', email: null, role: 'CTD' })
  })

  it('names the field and the reason of each problem with a catalog key', () => {
    const result = addMemberSchema.safeParse({ run: '12.345.678-9', name: 'A', email: 'no-es-correo', role: 'ADMIN' })
    expect(result.success).toBe(false)
    const issues = Object.fromEntries(result.error!.issues.map((i) => [i.path[0], i.message]))
    expect(issues).toEqual({ run: 'runInvalid', name: 'nameTooShort', email: 'emailInvalid', role: 'roleInvalid' })
  })

  it('asks for a RUN when none is given', () => {
    const result = addMemberSchema.safeParse({ run: '', name: 'Ana Rojas', email: '', role: 'CTD' })
    expect(result.error!.issues[0]).toMatchObject({ path: ['run'], message: 'runRequired' })
  })
})
