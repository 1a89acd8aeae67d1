import createNextIntlPlugin from 'next-intl/plugin'

const withNextIntl = createNextIntlPlugin('./lib/i18n/request.ts')

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // forbidden() renders app/forbidden.tsx with a 403 status.
  // Signed agreement PDFs (up to 10 MB) reach a server action; the default cap is 1 MB.
  // proxy.ts sees every request, and Next.js buffers a body for it only up to proxyClientMaxBodySize
  // (10 MB by default), passing on the rest truncated: keep it above every body the portal accepts
  // (the actions' 11 MB, lib/http/request-guard.ts; the convenio upload's 10 MB and envelope).
  experimental: { authInterrupts: true, serverActions: { bodySizeLimit: '11mb' }, proxyClientMaxBodySize: '12mb' },
  // PGlite and the WASM schema engine are only used by scripts and tests; keep them out of bundles.
  serverExternalPackages: ['@electric-sql/pglite', '@electric-sql/pglite-socket', '@prisma/schema-engine-wasm'],
}

export default withNextIntl(nextConfig)
