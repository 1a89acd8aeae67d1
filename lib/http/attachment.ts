/**
 * The Content-Disposition of a download named as the person named it: an ASCII fallback for old
 * clients (no quotes, backslashes or control characters to break the header) and the exact name in
 * UTF-8 (RFC 6266, RFC 8187).
 */
export function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_')
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`
}
