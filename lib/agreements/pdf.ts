/**
 * The agreement as the PDF both parties sign when they do not upload their own (decision 007),
 * written like the convenio de cooperación it rests on: the parties' appearance, then numbered
 * clauses (PRIMERO: OBJETO. …), lettered service levels, and "Para constancia firman". Rendered with
 * pdf-lib's standard Helvetica (WinAnsi: every Spanish letter, ¿ ¡ « » – —), laid out here:
 * paragraphs wrapped to the measured width, pages added as needed, "Página N de M" in the footer.
 * Rendered once, when the terms are approved; the bytes kept then are the document (./terms.ts). The
 * same terms give the same bytes.
 */
import { createTranslator } from 'next-intl'
import { PDFDocument, StandardFonts, type PDFFont } from 'pdf-lib'
import {
  BODY,
  BRAND,
  FOOTER_Y,
  LEADING,
  MARGIN,
  MUTED,
  INK,
  WIDTH,
  Writer as LayoutWriter,
  wrap,
} from '@/lib/pdf/layout'
import { formatRut } from '@/lib/chile/rut'
import { formatCalendarDate, formatDateTime } from '@/lib/dates'
import { locale, timeZone } from '@/lib/i18n/config'
import { messages } from '@/lib/i18n/messages'
import type { AgreementTerms } from './document'

const t = createTranslator({ locale, messages, namespace: 'agreements.pdf' })
const tKind = createTranslator({ locale, messages, namespace: 'connections.agreementKind' })
/** "20 de noviembre de 2026", as agreements date themselves. */
const longDate = new Intl.DateTimeFormat(locale, { timeZone, day: 'numeric', month: 'long', year: 'numeric' })

/** The agreement's writer: numbered clauses, as the convenio numbers them. */
class Writer extends LayoutWriter {
  private clauses = 0

  /**
   * The next numbered clause, as the convenio numbers them ("PRIMERO: OBJETO."), its title in bold and
   * its paragraphs after; `items` are lettered and indented ("a) Disponibilidad: …"). Its title never
   * ends a page alone.
   */
  clause(title: string, paragraphs: string[], items: string[] = []) {
    const ordinal = t('ordinals').split(',')[this.clauses++]
    this.ensure(LEADING * 3)
    this.text(t('clause', { ordinal: ordinal!, title }), { font: this.bold, after: 3 })
    for (const paragraph of paragraphs) this.text(paragraph, { after: 3 })
    items.forEach((item, i) => this.text(`${String.fromCharCode(97 + i)}) ${item}`, { indent: 14, after: 2 }))
    this.y -= 6
  }
}

/** The agreement's PDF: the same terms always give the same bytes. */
export async function renderAgreementPdf(terms: AgreementTerms): Promise<Uint8Array> {
  // No automatic Producer or dates: they would change the bytes on every render.
  const doc = await PDFDocument.create({ updateMetadata: false })
  const title = t('title')
  doc.setTitle(`${title} · ${t('caseNumber', { number: terms.caseNumber })}`)
  doc.setSubject(terms.service.name)
  doc.setAuthor(t('author'))
  doc.setCreator(t('author'))
  doc.setProducer(t('author'))
  doc.setLanguage('es-CL')
  doc.setCreationDate(terms.approvedAt)
  doc.setModificationDate(terms.approvedAt)

  const w = new Writer(
    doc,
    await doc.embedFont(StandardFonts.Helvetica),
    await doc.embedFont(StandardFonts.HelveticaBold),
  )
  w.text(t('network'), { size: 9, color: BRAND, font: w.bold, after: 4 })
  w.text(title, { size: 16, font: w.bold, after: 2 })
  w.text(`${t('caseNumber', { number: terms.caseNumber })} · ${tKind(terms.kind)}`, { color: MUTED, after: 4 })
  w.rule()
  w.text(
    t('appearance', {
      date: longDate.format(terms.approvedAt),
      provider: terms.provider.name,
      providerRut: formatRut(terms.provider.rut),
      consumer: terms.consumer.name,
      consumerRut: formatRut(terms.consumer.rut),
    }),
    { after: 12 },
  )

  const levels = terms.serviceLevels
  w.clause(t('object.title'), [t('object.text', { service: terms.service.name, code: terms.service.code })])
  w.clause(t('legalBasis.title'), [t('legalBasis.text', { legalBasis: terms.legalBasis })])
  w.clause(t('purpose.title'), [
    t('purpose.purpose', { purpose: terms.purpose }),
    t('purpose.procedure', { procedure: terms.procedure }),
    t('purpose.only'),
  ])
  w.clause(t('data.title'), [
    t('data.requested', { data: terms.dataRequested }),
    t('data.volume', { volume: terms.expectedVolume }),
  ])
  w.clause(
    t('serviceLevels.title'),
    [levels ? t('serviceLevels.intro') : t('serviceLevels.none')],
    levels
      ? [
          t('serviceLevels.availability', { value: levels.availability }),
          t('serviceLevels.responseTime', { value: levels.responseTime }),
          t('serviceLevels.supportHours', { value: levels.supportHours }),
        ]
      : [],
  )
  w.clause(t('obligations.title'), [], [t('obligations.consumer'), t('obligations.provider')])
  w.clause(t('traceability.title'), [t('traceability.text')])
  w.clause(t('term.title'), [
    terms.endsOn ? t('term.until', { date: formatCalendarDate(terms.endsOn) }) : t('term.indefinite'),
    t('term.termination'),
  ])
  // The signing clause and the signature blocks, side by side, kept together on one page so the
  // signatures never stand alone on a page of their own without the terms' last words.
  const signing = wrap(
    w.regular,
    BODY,
    t('signing.text', {
      name: terms.approvedBy ?? '—',
      provider: terms.provider.name,
      at: formatDateTime(terms.approvedAt),
    }),
    WIDTH,
  )
  const gutter = 24
  const column = (WIDTH - gutter) / 2
  const sides = (['consumer', 'provider'] as const).map((side) => ({
    side,
    name: wrap(w.regular, BODY, terms[side].name, column),
  }))
  const heading = (1 + Math.max(...sides.map((s) => s.name.length))) * LEADING
  const field = 12 + LEADING
  // Title, the text, "Para constancia firman", the gaps, then the blocks.
  w.ensure((2 + signing.length) * LEADING + 3 + 3 * signing.length + 3 + 6 + 12 + heading + 3 * field + 4)
  w.clause(t('signing.title'), [signing.join('\n'), t('signing.witness')])
  w.y -= 12
  const top = w.y
  for (const [i, { side, name }] of sides.entries()) {
    const x = MARGIN + i * (column + gutter)
    const draw = (text: string, y: number, font: PDFFont, color = INK) =>
      w.page.drawText(text, { x, y, size: BODY, font, color })
    draw(t(`signFor.${side}`), top - LEADING, w.bold)
    name.forEach((line, n) => draw(line, top - (n + 2) * LEADING, w.regular, MUTED))
    // The fields start at the same height in both columns, however many lines the names take.
    for (const [n, label] of [t('signName'), t('signSignature'), t('signDate')].entries()) {
      const y = top - heading - (n + 1) * field
      draw(label, y, w.regular)
      w.page.drawLine({
        start: { x: x + 48, y: y - 2 },
        end: { x: x + column, y: y - 2 },
        thickness: 0.5,
        color: MUTED,
      })
    }
  }

  const pages = doc.getPages()
  for (const [i, page] of pages.entries()) {
    const footer = t('footer', { number: terms.caseNumber, page: i + 1, pages: pages.length })
    page.drawText(footer, { x: MARGIN, y: FOOTER_Y, size: 8, font: w.regular, color: MUTED })
  }
  return doc.save({ useObjectStreams: false })
}
