/**
 * The security headers every response carries (proxy.ts sets them): a Content-Security-Policy whose
 * scripts run only with this request's nonce (Next.js reads it from the request's CSP header and puts
 * it on its own scripts), no framing, no MIME sniffing, a strict referrer, no powerful browser
 * features, and HSTS when the portal is served over https.
 */
export function contentSecurityPolicy({
  nonce,
  https,
  development = false,
  formTargets = [],
  inlineStyles = false,
}: {
  nonce: string
  https: boolean
  development?: boolean
  /** Allow inline styles (the API reference page, whose renderer injects unnonced <style>s). A nonce would void 'unsafe-inline'. */
  inlineStyles?: boolean
  /** Origins a form may be sent to besides the portal (ClaveÚnica's sign-in redirect). */
  formTargets?: string[]
}): string {
  return [
    "default-src 'self'",
    // React uses eval for its debugging information in development only.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ''}`,
    inlineStyles ? "style-src 'self' 'unsafe-inline'" : `style-src 'self' 'nonce-${nonce}'`,
    // Positioned popovers set a style attribute; style attributes cannot run code.
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    `form-action 'self'${formTargets.map((origin) => ` ${origin}`).join('')}`,
    "frame-ancestors 'none'",
    ...(https ? ['upgrade-insecure-requests'] : []),
  ].join('; ')
}

export const staticSecurityHeaders: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()',
  'Cross-Origin-Opener-Policy': 'same-origin',
}

export const HSTS = 'max-age=63072000; includeSubDomains'

/** Served over https: the request says so (a TLS-terminating proxy's x-forwarded-proto) or AUTH_URL is https. */
export function servedOverHttps(request: Request, authUrl: string | undefined): boolean {
  const forwarded = request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim()
  if (forwarded) return forwarded === 'https'
  if (new URL(request.url).protocol === 'https:') return true
  return authUrl?.startsWith('https://') ?? false
}

/** The origin of a URL, or null when it is missing or not a URL. */
export function originOf(url: string | undefined): string | null {
  if (!url) return null
  try {
    return new URL(url).origin
  } catch {
    return null
  }
}
