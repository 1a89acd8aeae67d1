/**
 * The portal's PDF layout on pdf-lib's standard Helvetica (WinAnsi: every Spanish letter, ¿ ¡ « » – —):
 * A4 pages, paragraphs wrapped to the measured width, pages added as needed. Shared by the
 * agreement (lib/agreements/pdf.ts) and the publication's internal note (lib/review/note-pdf.ts).
 */
import { rgb, type PDFDocument, type PDFFont, type PDFPage } from 'pdf-lib'

export const A4: [number, number] = [595.28, 841.89]
export const MARGIN = 56
export const WIDTH = A4[0] - 2 * MARGIN
export const FOOTER_Y = 32
/** The body stops here, a little above the footer. */
export const BOTTOM = FOOTER_Y + 28
export const BODY = 10
export const LEADING = 13
export const INK = rgb(0.1, 0.12, 0.16)
export const MUTED = rgb(0.35, 0.38, 0.43)
export const BRAND = rgb(0.05, 0.3, 0.6)

/** Replaces what the font cannot draw (emoji, other scripts, control characters) so user text never breaks the render. */
export function drawable(font: PDFFont, text: string): string {
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
export function wrap(font: PDFFont, size: number, text: string, width: number): string[] {
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
export class Writer {
  page: PDFPage
  y = 0

  constructor(
    protected readonly doc: PDFDocument,
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
