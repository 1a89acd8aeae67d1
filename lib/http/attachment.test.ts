import { describe, expect, it } from 'vitest'
import { attachment } from './attachment'

describe('attachment', () => {
  it('names the file in ASCII for old clients and exactly in UTF-8', () => {
    expect(attachment('Convenio firmado "final".pdf')).toBe(
      `attachment; filename="Convenio firmado _final_.pdf"; filename*=UTF-8''Convenio%20firmado%20%22final%22.pdf`,
    )
    expect(attachment('resolución ñuble.pdf')).toBe(
      `attachment; filename="resoluci_n _uble.pdf"; filename*=UTF-8''resoluci%C3%B3n%20%C3%B1uble.pdf`,
    )
  })
})
