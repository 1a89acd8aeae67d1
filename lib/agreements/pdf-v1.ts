/**
 * The agreement's PDF as the portal rendered it before it kept each PDF's bytes (decision 007),
 * frozen byte for byte. Agreements approved before then were signed against this rendering, so the
 * one-off backfill (backfillAgreementPdfs in ./terms.ts) renders them with it and their signatures keep
 * matching. Never change this file: not its layout, not its words, not its date formats (its "24:30"
 * for half past midnight included). Its words are written here rather than in the catalog for the same
 * reason: they are part of a historical document, not text the UI shows.
 */
import { PDFDocument, rgb, StandardFonts, type PDFFont, type PDFPage } from 'pdf-lib'
import { formatRut } from '@/lib/chile/rut'
import type { AgreementTerms } from './document'

const words: Record<string, string> = {
  'agreementPdf.network': 'RED DE INTEROPERABILIDAD DEL ESTADO',
  'agreementPdf.title': 'Acuerdo de acceso a servicio de interoperabilidad — PISEE 2',
  'agreementPdf.caseNumber': 'Caso N° {number}',
  'agreementPdf.author': 'Portal PISEE',
  'agreementPdf.parties':
    'Entre {consumer}, en adelante «la institución consumidora», y {provider}, en adelante «la institución proveedora», se acuerda el acceso de la primera al servicio que se indica, a través de la Plataforma Integrada de Servicios Electrónicos del Estado (PISEE 2), en los términos siguientes.',
  'agreementPdf.service': 'Servicio',
  'agreementPdf.legalBasis': 'Base legal',
  'agreementPdf.purpose': 'Finalidad',
  'agreementPdf.procedure': 'Trámite que atiende',
  'agreementPdf.dataRequested': 'Datos requeridos',
  'agreementPdf.expectedVolume': 'Volumen esperado',
  'agreementPdf.serviceLevels': 'Niveles de servicio',
  'agreementPdf.noServiceLevels': 'Los que fija el convenio de cooperación de cada parte con SEGPRES.',
  'agreementPdf.availability': 'Disponibilidad: {value}',
  'agreementPdf.responseTime': 'Tiempo de respuesta: {value}',
  'agreementPdf.supportHours': 'Horario de soporte: {value}',
  'agreementPdf.term': 'Vigencia',
  'agreementPdf.termUntil': 'Desde la fecha de la última firma de las partes y hasta el {date}.',
  'agreementPdf.termIndefinite': 'Desde la fecha de la última firma de las partes, por tiempo indefinido.',
  'agreementPdf.termination': 'Término',
  'agreementPdf.terminationText':
    'Cualquiera de las partes podrá poner término a este acuerdo mediante aviso dado a la otra, a través del Portal PISEE, con al menos 30 días corridos de anticipación.',
  'agreementPdf.traceability': 'Trazabilidad',
  'agreementPdf.traceabilityText':
    'Cada intercambio de datos realizado al amparo de este acuerdo queda registrado en el Registro de Trazabilidad de PISEE 2, con las instituciones que participaron y el momento en que ocurrió.',
  'agreementPdf.approved': 'Términos aprobados por {name}, de {provider}, el {at}.',
  'agreementPdf.signFor.consumer': 'Por la institución consumidora',
  'agreementPdf.signFor.provider': 'Por la institución proveedora',
  'agreementPdf.signName': 'Nombre',
  'agreementPdf.signSignature': 'Firma',
  'agreementPdf.signDate': 'Fecha',
  'agreementPdf.footer': 'Caso N° {number} · Portal PISEE · Página {page} de {pages}',
  'agreementKind.CONVENIO': 'Convenio',
  'agreementKind.TERMINOS_Y_CONDICIONES': 'Términos y condiciones',
  'agreementKind.OTRO': 'Otro',
}

function t(key: string, values: Record<string, string | number> = {}): string {
  return words[key]!.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name]))
}

const formatCalendarDate = (date: Date) =>
  new Intl.DateTimeFormat('es-CL', { timeZone: 'UTC', day: '2-digit', month: '2-digit', year: 'numeric' }).format(date)
const formatDateTime = (date: Date) =>
  new Intl.DateTimeFormat('es-CL', {
    timeZone: 'America/Santiago',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(date)

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
  return [
    ...text
      .normalize('NFC')
      .replace(/\t/g, ' ')
      .replace(/\p{Cf}/gu, ''),
  ]
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
    this.page.drawLine({
      start: { x: MARGIN, y: this.y },
      end: { x: A4[0] - MARGIN, y: this.y },
      thickness: 0.5,
      color: MUTED,
    })
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

/** The agreement's PDF as rendered before the portal kept each one's bytes. */
export async function renderAgreementPdfV1(terms: AgreementTerms): Promise<Uint8Array> {
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

  const w = new Writer(
    doc,
    await doc.embedFont(StandardFonts.Helvetica),
    await doc.embedFont(StandardFonts.HelveticaBold),
  )
  const party = (p: { name: string; rut: string }) => `${p.name} (RUT ${formatRut(p.rut)})`

  w.text(t('agreementPdf.network'), { size: 9, color: BRAND, font: w.bold, after: 4 })
  w.text(title, { size: 16, font: w.bold, after: 2 })
  w.text(`${t('agreementPdf.caseNumber', { number: terms.caseNumber })} · ${t(`agreementKind.${terms.kind}`)}`, {
    color: MUTED,
    after: 4,
  })
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
    terms.endsOn
      ? t('agreementPdf.termUntil', { date: formatCalendarDate(terms.endsOn) })
      : t('agreementPdf.termIndefinite'),
  )
  w.clause(t('agreementPdf.termination'), t('agreementPdf.terminationText'))
  w.clause(t('agreementPdf.traceability'), t('agreementPdf.traceabilityText'))
  // Who approved the terms and the signature blocks, side by side, kept together on one page so the
  // signatures never stand alone on a page of their own without the terms' last words.
  const approved = wrap(
    w.regular,
    BODY,
    t('agreementPdf.approved', {
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
  w.ensure(approved.length * LEADING + 26 + heading + 3 * field + 4)
  w.text(approved.join('\n'), { color: MUTED, after: 8 })
  w.y -= 18
  const top = w.y
  for (const [i, { side, name }] of sides.entries()) {
    const x = MARGIN + i * (column + gutter)
    const draw = (text: string, y: number, font: PDFFont, color = INK) =>
      w.page.drawText(text, { x, y, size: BODY, font, color })
    draw(t(`agreementPdf.signFor.${side}`), top - LEADING, w.bold)
    name.forEach((line, n) => draw(line, top - (n + 2) * LEADING, w.regular, MUTED))
    // The fields start at the same height in both columns, however many lines the names take.
    for (const [n, label] of [
      t('agreementPdf.signName'),
      t('agreementPdf.signSignature'),
      t('agreementPdf.signDate'),
    ].entries()) {
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
    const footer = t('agreementPdf.footer', { number: terms.caseNumber, page: i + 1, pages: pages.length })
    page.drawText(footer, { x: MARGIN, y: FOOTER_Y, size: 8, font: w.regular, color: MUTED })
  }
  return doc.save({ useObjectStreams: false })
}
