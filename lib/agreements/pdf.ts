/**
 * The agreement as the PDF both parties sign when they do not upload their own (decision 007).
 * Rendered with pdf-lib's standard Helvetica (WinAnsi: every Spanish letter, ¿ ¡ « » – —), laid out
 * here: paragraphs wrapped to the measured width, pages added as needed, "Página N de M" in the footer.
 * The bytes depend only on the agreement's data, so the SHA-256 recorded at signing can be checked
 * again by anyone who downloads it later.
 */
import { createTranslator } from 'next-intl'
import { PDFDocument, rgb, StandardFonts, type PDFFont, type PDFPage } from 'pdf-lib'
import { formatRut } from '@/lib/chile/rut'
import { formatCalendarDate, formatDateTime } from '@/lib/dates'
import { locale } from '@/lib/i18n/config'
import { messages } from '@/lib/i18n/messages'
import type { AgreementTerms } from './document'

const t = createTranslator({ locale, messages, namespace: 'connections' })

const A4: [number, number] = [595.28, 841.89]
const MARGIN = 56
const WIDTH = A4[0] - 2 * MARGIN
const FOOTER_Y = 32
/** The body stops here, a little above the footer. */
const BOTTOM = FOOTER_Y + 28
const BODY = 10
const LEADING = 13
const INK = rgb(0.1, 0.12, 0.16)
const MUTED = rgb(0.35, 0.38, 0.43)
const BRAND = rgb(0.05, 0.3, 0.6)

/** Replaces what the font cannot draw (emoji, other scripts, control characters) so user text never breaks the render. */
function drawable(font: PDFFont, text: string): string {
  const supported = new Set(font.getCharacterSet())
  // Invisible format characters pasted from word processors (zero-width spaces, bidi marks, BOM) are dropped.
  return [...text.normalize('NFC').replace(/\t/g, ' ').replace(/\p{Cf}/gu, '')]
    .map((char) => {
      if (supported.has(char.codePointAt(0)!)) return char
      const base = char.normalize('NFD').replace(/\p{Mn}/gu, '')
      return base && [...base].every((c) => supported.has(c.codePointAt(0)!)) ? base : '?'
    })
    .join('')
}

/** Splits text into drawable lines no wider than `width`, paragraph by paragraph; a word longer than a line is cut. */
function wrap(font: PDFFont, size: number, text: string, width: number): string[] {
  const lines: string[] = []
  for (const paragraph of text.split(/\r\n|\r|\n/).map((p) => drawable(font, p))) {
    let line = ''
    for (const word of paragraph.split(/ +/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word
      if (font.widthOfTextAtSize(candidate, size) <= width) {
        line = candidate
        continue
      }
      if (line) lines.push(line)
      line = word
      while (font.widthOfTextAtSize(line, size) > width) {
        let cut = line.length - 1
        while (cut > 1 && font.widthOfTextAtSize(line.slice(0, cut), size) > width) cut--
        lines.push(line.slice(0, cut))
        line = line.slice(cut)
      }
    }
    lines.push(line)
  }
  return lines
}

/** A cursor down the pages: writes wrapped text and starts a new page when the current one is full. */
class Writer {
  page: PDFPage
  y = 0

  constructor(
    private readonly doc: PDFDocument,
    readonly regular: PDFFont,
    readonly bold: PDFFont,
  ) {
    this.page = this.newPage()
  }

  private newPage(): PDFPage {
    this.page = this.doc.addPage(A4)
    this.y = A4[1] - MARGIN
    return this.page
  }

  /** Makes room for `height` points, on a new page if needed. */
  ensure(height: number) {
    if (this.y - height < BOTTOM) this.newPage()
  }

  text(text: string, { size = BODY, font = this.regular, color = INK, indent = 0, after = 0 } = {}) {
    for (const line of wrap(font, size, text, WIDTH - indent)) {
      this.ensure(LEADING)
      this.y -= size + (LEADING - BODY)
      this.page.drawText(line, { x: MARGIN + indent, y: this.y, size, font, color })
    }
    this.y -= after
  }

  /** A labelled clause: its title in bold, then its text, kept together when it fits on a page. */
  clause(title: string, body: string) {
    this.ensure(LEADING * 3)
    this.text(title, { font: this.bold, after: 2 })
    this.text(body, { after: 7 })
  }

  rule() {
    this.ensure(12)
    this.y -= 6
    this.page.drawLine({ start: { x: MARGIN, y: this.y }, end: { x: A4[0] - MARGIN, y: this.y }, thickness: 0.5, color: MUTED })
    this.y -= 12
  }
}

function serviceLevelsText(levels: AgreementTerms['serviceLevels']): string {
  if (!levels) return t('agreementPdf.noServiceLevels')
  return [
    t('agreementPdf.availability', { value: levels.availability }),
    t('agreementPdf.responseTime', { value: levels.responseTime }),
    t('agreementPdf.supportHours', { value: levels.supportHours }),
  ].join('\n')
}

/** The agreement's PDF: the same terms always give the same bytes. */
export async function renderAgreementPdf(terms: AgreementTerms): Promise<Uint8Array> {
  // No automatic Producer or dates: they would change the bytes on every render.
  const doc = await PDFDocument.create({ updateMetadata: false })
  const title = t('agreementPdf.title')
  doc.setTitle(`${title} · ${t('agreementPdf.caseNumber', { number: terms.caseNumber })}`)
  doc.setSubject(terms.service.name)
  doc.setAuthor(t('agreementPdf.author'))
  doc.setCreator(t('agreementPdf.author'))
  doc.setProducer(t('agreementPdf.author'))
  doc.setLanguage('es-CL')
  doc.setCreationDate(terms.approvedAt)
  doc.setModificationDate(terms.approvedAt)

  const w = new Writer(doc, await doc.embedFont(StandardFonts.Helvetica), await doc.embedFont(StandardFonts.HelveticaBold))
  const party = (p: { name: string; rut: string }) => `${p.name} (RUT ${formatRut(p.rut)})`

  w.text(t('agreementPdf.network'), { size: 9, color: BRAND, font: w.bold, after: 4 })
  w.text(title, { size: 16, font: w.bold, after: 2 })
  w.text(`${t('agreementPdf.caseNumber', { number: terms.caseNumber })} · ${t(`agreementKind.${terms.kind}`)}`, { color: MUTED, after: 4 })
  w.rule()
  w.text(t('agreementPdf.parties', { consumer: party(terms.consumer), provider: party(terms.provider) }), { after: 12 })

  w.clause(t('agreementPdf.service'), `${terms.service.name} (${terms.service.code})`)
  w.clause(t('agreementPdf.legalBasis'), terms.legalBasis)
  w.clause(t('agreementPdf.purpose'), terms.purpose)
  w.clause(t('agreementPdf.procedure'), terms.procedure)
  w.clause(t('agreementPdf.dataRequested'), terms.dataRequested)
  w.clause(t('agreementPdf.expectedVolume'), terms.expectedVolume)
  w.clause(t('agreementPdf.serviceLevels'), serviceLevelsText(terms.serviceLevels))
  w.clause(
    t('agreementPdf.term'),
    terms.endsOn ? t('agreementPdf.termUntil', { date: formatCalendarDate(terms.endsOn) }) : t('agreementPdf.termIndefinite'),
  )
  w.clause(t('agreementPdf.termination'), t('agreementPdf.terminationText'))
  w.clause(t('agreementPdf.traceability'), t('agreementPdf.traceabilityText'))
  // Who approved the terms and the signature blocks, side by side, kept together on one page so the
  // signatures never stand alone on a page of their own without the terms' last words.
  const approved = wrap(w.regular, BODY, t('agreementPdf.approved', { name: terms.approvedBy ?? '—', provider: terms.provider.name, at: formatDateTime(terms.approvedAt) }), WIDTH)
  const gutter = 24
  const column = (WIDTH - gutter) / 2
  const sides = (['consumer', 'provider'] as const).map((side) => ({ side, name: wrap(w.regular, BODY, terms[side].name, column) }))
  const heading = (1 + Math.max(...sides.map((s) => s.name.length))) * LEADING
  const field = 12 + LEADING
  w.ensure(approved.length * LEADING + 26 + heading + 3 * field + 4)
  w.text(approved.join('\n'), { color: MUTED, after: 8 })
  w.y -= 18
  const top = w.y
  for (const [i, { side, name }] of sides.entries()) {
    const x = MARGIN + i * (column + gutter)
    const draw = (text: string, y: number, font: PDFFont, color = INK) => w.page.drawText(text, { x, y, size: BODY, font, color })
    draw(t(`agreementPdf.signFor.${side}`), top - LEADING, w.bold)
    name.forEach((line, n) => draw(line, top - (n + 2) * LEADING, w.regular, MUTED))
    // The fields start at the same height in both columns, however many lines the names take.
    for (const [n, label] of [t('agreementPdf.signName'), t('agreementPdf.signSignature'), t('agreementPdf.signDate')].entries()) {
      const y = top - heading - (n + 1) * field
      draw(label, y, w.regular)
      w.page.drawLine({ start: { x: x + 48, y: y - 2 }, end: { x: x + column, y: y - 2 }, thickness: 0.5, color: MUTED })
    }
  }

  const pages = doc.getPages()
  for (const [i, page] of pages.entries()) {
    const footer = t('agreementPdf.footer', { number: terms.caseNumber, page: i + 1, pages: pages.length })
    page.drawText(footer, { x: MARGIN, y: FOOTER_Y, size: 8, font: w.regular, color: MUTED })
  }
  return doc.save({ useObjectStreams: false })
}
