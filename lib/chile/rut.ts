/**
 * Chilean RUT / RUN: a body of up to 8 digits and a check digit (0-9 or K) computed módulo 11.
 * Stored normalized as "12345678-5" (no dots, upper-case K); shown as "12.345.678-5".
 */

const RUT_PATTERN = /^(\d{1,8})-?([\dK])$/

/** The check digit of a RUT body, by the módulo 11 algorithm (weights 2..7 from the right). */
export function checkDigit(body: string): string {
  let sum = 0
  let weight = 2
  for (let i = body.length - 1; i >= 0; i--) {
    sum += Number(body[i]) * weight
    weight = weight === 7 ? 2 : weight + 1
  }
  const digit = 11 - (sum % 11)
  if (digit === 11) return '0'
  if (digit === 10) return 'K'
  return String(digit)
}

/** "12.345.678-5", " 12345678-5 ", "123456785" → "12345678-5"; null when malformed or the check digit is wrong. */
export function normalizeRut(input: string): string | null {
  const compact = input.trim().replace(/[.\s]/g, '').toUpperCase()
  const match = RUT_PATTERN.exec(compact)
  if (!match) return null
  const body = match[1]!.replace(/^0+(?=\d)/, '')
  const dv = match[2]!
  if (body === '0' || checkDigit(body) !== dv) return null
  return `${body}-${dv}`
}

export function isValidRut(input: string): boolean {
  return normalizeRut(input) !== null
}

/** "12345678-5" → "12.345.678-5". Leaves input it cannot parse untouched. */
export function formatRut(rut: string): string {
  const normalized = normalizeRut(rut)
  if (!normalized) return rut
  const [body, dv] = normalized.split('-') as [string, string]
  return `${body.replace(/\B(?=(\d{3})+(?!\d))/g, '.')}-${dv}`
}
