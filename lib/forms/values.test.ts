import { describe, expect, it } from 'vitest'
import { allFormValues, formValues } from './values'

describe('form values', () => {
  it('reads the named fields as strings, empty when missing', () => {
    const form = new FormData()
    form.set('run', ' 12.345.678-5 ')
    expect(formValues(form, ['run', 'name'])).toEqual({ run: ' 12.345.678-5 ', name: '' })
  })

  it("reads every text field, without React's action fields or files", () => {
    const form = new FormData()
    form.set('reason', 'Falta base legal')
    form.set('$ACTION_ID_abc', '')
    form.set('file', new File(['%PDF-'], 'a.pdf'))
    expect(allFormValues(form)).toEqual({ reason: 'Falta base legal' })
  })
})
