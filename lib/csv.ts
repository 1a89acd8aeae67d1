/**
 * CSV for spreadsheets (RFC 4180, UTF-8 with BOM so Excel reads accents, `;`-free comma separated).
 * Cells that a spreadsheet would run as a formula (=, +, -, @) are prefixed with an apostrophe: an
 * exported name must never execute on the reader's machine.
 */
const FORMULA_START = /^[=+\-@\t\r]/

function cell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return ''
  let text = String(value)
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/** One CSV line with its CRLF, for exports streamed row by row (the trace registry). */
export function csvLine(row: (string | number | boolean | null | undefined)[]): string {
  return `${row.map(cell).join(',')}\r\n`
}

export function toCsv(header: string[], rows: (string | number | boolean | null | undefined)[][]): string {
  return `\uFEFF${[header, ...rows].map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`
}

export function csvResponse(filename: string, body: string): Response {
  return new Response(body, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${filename}"`,
      'Cache-Control': 'no-store',
    },
  })
}
