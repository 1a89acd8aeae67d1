/** At most this many characters (code points) in a stored file name. */
export const MAX_FILE_NAME_LENGTH = 150

/**
 * The name an uploaded file keeps: no folders, no control or invisible characters (NUL, line breaks,
 * bidi overrides that disguise an extension), no quotes, at most MAX_FILE_NAME_LENGTH characters with
 * its extension kept; `fallback` when nothing is left.
 */
export function cleanFileName(name: string, fallback: string): string {
  const base = name.normalize('NFC').split(/[\\/]/).pop() ?? ''
  const clean = base
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}"]/gu, '')
    .replace(/\s+/gu, ' ')
    .trim()
  if (!clean || /^\.+$/.test(clean)) return fallback
  const chars = [...clean]
  if (chars.length <= MAX_FILE_NAME_LENGTH) return clean
  const dot = clean.lastIndexOf('.')
  const extension = dot > 0 && clean.length - dot <= 10 ? [...clean.slice(dot)] : []
  return [...chars.slice(0, MAX_FILE_NAME_LENGTH - extension.length), ...extension].join('').trim()
}
