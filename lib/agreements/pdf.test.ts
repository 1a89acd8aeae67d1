import { inflateSync } from 'node:zlib'
import { PDFDocument } from 'pdf-lib'
import { describe, expect, it } from 'vitest'
import { sha256Hex, type AgreementTerms } from './document'
import { renderAgreementPdf } from './pdf'

const terms: AgreementTerms = {
  caseNumber: 42,
  consumer: { name: 'Municipalidad de Ñuñoa', rut: '69070400-5' },
  provider: { name: 'Servicio de Registro Civil e Identificación', rut: '61002000-3' },
  service: { name: 'Consulta de datos de identidad por RUN', code: 'SRCEI-IDENTIDAD-RUN' },
  kind: 'CONVENIO',
  legalBasis: 'Ley N° 19.880, artículo 17 letra c)',
  purpose: '¿Verificar la identidad? Sí: de quienes piden patentes — «sin papeles».',
  procedure: 'CPAT-2231 Solicitud de patente comercial',
  dataRequested: 'Nombre completo, fecha de nacimiento y nacionalidad.',
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

/**
 * The text a PDF shows, page by page: pdf-lib writes standard-font text as hex strings of WinAnsi
 * codes (`<48…> Tj`) in Flate-compressed content streams.
 */
/** WinAnsi is Latin-1 but for 0x80–0x9F, where it has “ ” – — … € and friends (Node may lack the codec). */
const winAnsiHigh = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ'
const winAnsi = {
  decode: (bytes: Buffer) =>
    [...bytes].map((b) => (b >= 0x80 && b <= 0x9f ? winAnsiHigh[b - 0x80] : String.fromCharCode(b))).join(''),
}

async function pagesText(bytes: Uint8Array): Promise<string[]> {
  const doc = await PDFDocument.load(bytes)
  return doc.getPages().map((page) => {
    const contents = page.node.Contents()
    const streams = contents && 'asArray' in contents ? contents.asArray() : [contents]
    return streams
      .map((ref) => {
        const stream = doc.context.lookup(ref) as unknown as { getContents(): Uint8Array }
        const raw = Buffer.from(stream.getContents())
        const decoded = (() => {
          try {
            return inflateSync(raw).toString('latin1')
          } catch {
            return raw.toString('latin1')
          }
        })()
        return [...decoded.matchAll(/<([0-9A-Fa-f]*)> Tj/g)]
          .map((m) => winAnsi.decode(Buffer.from(m[1]!, 'hex')))
          .join('\n')
      })
      .join('\n')
  })
}

describe('the agreement PDF', () => {
  it('is an A4 PDF with its title, both parties, every term and the signature blocks', async () => {
    const bytes = await renderAgreementPdf(terms)
    expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-')
    const doc = await PDFDocument.load(bytes, { updateMetadata: false })
    expect(doc.getTitle()).toBe('Acuerdo de acceso a servicio de interoperabilidad — PISEE 2 · Caso N° 42')
    expect(doc.getPage(0).getSize()).toEqual({ width: 595.28, height: 841.89 })

    const text = (await pagesText(bytes)).join('\n')
    for (const expected of [
      'Acuerdo de acceso a servicio de interoperabilidad — PISEE 2',
      'Caso N° 42 · Convenio',
      'Con fecha 20 de noviembre de 2026, entre Servicio de Registro Civil e Identificación, RUT 61.002.000-3',
      'Municipalidad de Ñuñoa, RUT 69.070.400-5, en adelante la «Institución consumidora», se ha convenido lo siguiente:',
      // Numbered clauses, as the convenio numbers them.
      'PRIMERO: OBJETO.',
      '«Consulta de datos de identidad por RUN» (código SRCEI-IDENTIDAD-RUN)',
      'SEGUNDO: BASE LEGAL.',
      'Ley N° 19.880, artículo 17 letra c)',
      'TERCERO: FINALIDAD Y TRÁMITE.',
      'Finalidad: ¿Verificar la identidad? Sí: de quienes piden patentes — «sin papeles».',
      'Trámite o procedimiento que atiende: CPAT-2231 Solicitud de patente comercial',
      'CUARTO: DATOS Y VOLUMEN.',
      'Volumen esperado: 1.500 consultas al mes',
      // Service levels, labelled and lettered.
      'QUINTO: NIVELES DE SERVICIO.',
      'a) Disponibilidad: 99,5 % mensual',
      'b) Tiempo de respuesta: 2 segundos',
      'c) Horario de soporte: Lunes a viernes, 9:00 a 18:00',
      'SEXTO: OBLIGACIONES DE LAS PARTES.',
      'SÉPTIMO: TRAZABILIDAD.',
      'OCTAVO: VIGENCIA Y TÉRMINO.',
      'hasta el 31-12-2027.',
      'con a lo menos treinta (30) días corridos de anticipación',
      'NOVENO: SUSCRIPCIÓN.',
      'Sus términos fueron aprobados por Valentina Muñoz Araya, de Servicio de Registro Civil e Identificación, el 20-11-2026, 12:30.',
      'Para constancia firman:',
      'Por la Institución consumidora',
      'Por la Institución proveedora',
      'Caso N° 42 · Portal PISEE · Página 1 de',
    ]) {
      expect(text.replace(/\n/g, ' ')).toContain(expected)
    }
  })

  it('says the term is indefinite, and shows no service levels when none were set', async () => {
    const text = (await pagesText(await renderAgreementPdf({ ...terms, endsOn: null, serviceLevels: null })))
      .join(' ')
      .replace(/\n/g, ' ')
    expect(text).toContain('tendrá duración indefinida.')
    expect(text).toContain(
      'Rigen los niveles de servicio que fija el convenio de cooperación de cada parte con SEGPRES.',
    )
    expect(text).not.toContain('a) Disponibilidad')
  })

  it('gives the same bytes for the same terms, and another SHA-256 when a term changes', async () => {
    const first = sha256Hex(await renderAgreementPdf(terms))
    expect(sha256Hex(await renderAgreementPdf({ ...terms }))).toBe(first)
    expect(sha256Hex(await renderAgreementPdf({ ...terms, expectedVolume: '1.600 consultas al mes' }))).not.toBe(first)
  })

  it('wraps long terms onto further pages, numbering every page', async () => {
    const long = Array.from({ length: 300 }, (_, i) => `dato${i}`).join(' ')
    const pages = await pagesText(await renderAgreementPdf({ ...terms, dataRequested: long }))
    expect(pages.length).toBeGreaterThan(1)
    pages.forEach((page, i) => expect(page).toContain(`Página ${i + 1} de ${pages.length}`))
    expect(pages.join(' ')).toContain('dato299')
  })

  it('keeps the approval and both signature blocks together on one page, whatever pushes them down', async () => {
    for (const lines of [0, 20, 40, 44, 48, 52, 56, 60]) {
      const pages = await pagesText(
        await renderAgreementPdf({
          ...terms,
          procedure: Array.from({ length: lines }, (_, i) => `línea ${i}`).join('\n'),
        }),
      )
      const last = pages.at(-1)!
      for (const expected of [
        'NOVENO: SUSCRIPCIÓN.',
        'aprobados por',
        'Para constancia firman:',
        'Por la Institución consumidora',
        'Por la Institución proveedora',
        'Fecha',
      ]) {
        expect(last).toContain(expected)
      }
    }
  })

  it('draws text the standard font cannot encode as close as it can, never failing', async () => {
    const text = (
      await pagesText(await renderAgreementPdf({ ...terms, purpose: 'Verificar 😀 identidad en Ōsaka, 北京 y Łódź' }))
    ).join(' ')
    expect(text).toContain('Verificar ? identidad en Osaka, ?? y ?ódz')
  })

  it('drops invisible format characters and reads any line break as one', async () => {
    const text = (
      await pagesText(
        await renderAgreementPdf({
          ...terms,
          purpose: '\uFEFFVerificar\u200B la\u00AD identidad\rde quienes\r\npiden',
        }),
      )
    ).join('\n')
    expect(text).toContain('Verificar la identidad\nde quienes\npiden')
  })
})
