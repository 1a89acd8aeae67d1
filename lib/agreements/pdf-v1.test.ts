import { describe, expect, it } from 'vitest'
import { sha256Hex, type AgreementTerms } from './document'
import { renderAgreementPdfV1 } from './pdf-v1'

const terms: AgreementTerms = {
  caseNumber: 42,
  consumer: { name: 'Municipalidad de Ñuñoa', rut: '69070400-5' },
  provider: { name: 'Servicio de Registro Civil e Identificación', rut: '61002000-3' },
  service: { name: 'Consulta de datos de identidad por RUN', code: 'SRCEI-IDENTIDAD-RUN' },
  kind: 'CONVENIO',
  legalBasis: 'Ley N° 19.880, artículo 17 letra c)',
  purpose: '¿Verificar la identidad? Sí: de quienes piden patentes — «sin papeles». 😀 \u200B',
  procedure: 'CPAT-2231 Solicitud de patente comercial',
  dataRequested: 'Nombre completo, fecha de nacimiento y nacionalidad.\n' + 'muy largo '.repeat(300),
  expectedVolume: '1.500 consultas al mes',
  serviceLevels: {
    availability: '99,5 % mensual',
    responseTime: '2 segundos',
    supportHours: 'Lunes a viernes, 9:00 a 18:00',
  },
  endsOn: new Date('2027-12-31T00:00:00Z'),
  approvedBy: 'Valentina Muñoz Araya',
  approvedAt: new Date('2026-11-20T15:30:00Z'),
}

describe('the first rendering of the agreement PDF, kept for agreements approved before their bytes were stored', () => {
  it('gives, byte for byte, what the portal rendered then (SHA-256 recorded from that renderer)', async () => {
    expect(sha256Hex(await renderAgreementPdfV1(terms))).toBe(
      'cc3d09edaad3f9d28ebaeb0c70f18da0a3dc8e3d176c525d09d79a4b73bbad08',
    )
    const bare = {
      ...terms,
      kind: 'OTRO' as const,
      serviceLevels: null,
      endsOn: null,
      approvedBy: null,
      approvedAt: new Date('2026-07-01T04:30:00Z'),
    }
    expect(sha256Hex(await renderAgreementPdfV1(bare))).toBe(
      'eddf0c6ac5a0f4cbbdefc51e933e2c460bbbaba269837c2800018805b80e1277',
    )
  })
})
