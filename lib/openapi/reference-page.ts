import { readFile } from 'node:fs/promises'
import path from 'node:path'

/**
 * The API reference page (/api/docs): Scalar's standalone bundle, served by the portal itself from
 * node_modules (no CDN: the network is closed, and the CSP allows only this origin's scripts with the
 * request's nonce). Its own stylesheet takes the nonce from `<meta property="csp-nonce">`, but its
 * components inject more styles without one, so this page alone allows inline styles (proxy.ts; a
 * style cannot run code). Web fonts, telemetry and its AI agent are off: no outside request. The
 * mount point must not be `#api-reference`: Scalar reads an element of that id as its own config.
 */
export const SCALAR_BUNDLE_PATH = path.join(
  process.cwd(),
  'node_modules/@scalar/api-reference/dist/browser/standalone.js',
)

let bundle: Promise<Buffer> | undefined

export function scalarBundle(): Promise<Buffer> {
  bundle ??= readFile(SCALAR_BUNDLE_PATH)
  bundle.catch(() => (bundle = undefined))
  return bundle
}

const escapeAttribute = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

export function referencePage(nonce: string): string {
  const n = escapeAttribute(nonce)
  const configuration = {
    url: '/api/openapi.json',
    slug: 'portal-pisee',
    title: 'Portal PISEE',
    localization: { locale: 'es' },
    withDefaultFonts: false,
    telemetry: false,
    hideClientButton: true,
    showDeveloperTools: 'never',
    agent: { disabled: true },
    defaultOpenAllTags: true,
    // One light theme whose secondary and muted text meet WCAG AA contrast (4.5:1) on its backgrounds.
    forceDarkModeState: 'light',
    hideDarkModeToggle: true,
    customCss:
      '.light-mode{--scalar-color-2:#3f3f46;--scalar-color-3:#52525b;--scalar-color-disabled:#52525b;' +
      '--scalar-color-green:#166534;--scalar-color-blue:#1d4ed8;--scalar-color-orange:#9a3412;' +
      '--scalar-color-yellow:#854d0e;--scalar-color-red:#b91c1c;--scalar-color-purple:#6b21a8}',
  }
  // JSON inside a script: `<` escaped so no value can close the element.
  const json = JSON.stringify(configuration).replace(/</g, '\\u003c')
  return `<!doctype html>
<html lang="es">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta property="csp-nonce" content="${n}" />
    <title>Referencia de la API — Portal PISEE</title>
  </head>
  <body>
    <div id="reference"></div>
    <script nonce="${n}" src="/api/docs/scalar.js"></script>
    <script nonce="${n}">Scalar.createApiReference('#reference', ${json})</script>
  </body>
</html>
`
}
