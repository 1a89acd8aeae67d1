import createNextIntlPlugin from 'next-intl/plugin'

const withNextIntl = createNextIntlPlugin('./lib/i18n/request.ts')

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // forbidden() renders app/forbidden.tsx with a 403 status.
  // Signed agreement PDFs (up to 10 MB) reach a server action; the default cap is 1 MB.
  experimental: {
    authInterrupts: true,
    serverActions: { bodySizeLimit: '11mb' },
    // proxy.ts makes Next.js buffer request bodies, cut at this size (default 10 MB): above the largest
    // body a route takes (an 11 MB action, a 10 MB convenio), so those limits still answer 413.
    proxyClientMaxBodySize: '12mb',
  },
  // PGlite and the WASM schema engine are only used by scripts and tests; keep them out of bundles.
  serverExternalPackages: [
    '@electric-sql/pglite',
    '@electric-sql/pglite-socket',
    '@prisma/schema-engine-wasm',
    // libxml2 in WASM, run in a worker thread loaded from its own folder (XSD validation, lib/catalog/specs.ts).
    'xmllint-wasm',
  ],
  // Every other response gets its security headers (and CSP nonce) from proxy.ts.
  async headers() {
    return [
      {
        source: '/_next/:path(static|image)/:rest*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
        ],
      },
    ]
  },
}

export default withNextIntl(nextConfig)
