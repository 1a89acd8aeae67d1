import type { MetadataRoute } from 'next'
import { messages } from '@/lib/i18n/messages'

/** The web app manifest (/manifest.webmanifest), in the portal's language. */
export default function manifest(): MetadataRoute.Manifest {
  const { common } = messages
  return {
    name: `${common.portalName} · ${common.portalTagline}`,
    short_name: common.portalName,
    description: common.portalTagline,
    lang: 'es-CL',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    background_color: '#ffffff',
    theme_color: '#0b4f94',
    icons: [
      { src: '/icon.svg', sizes: 'any', type: 'image/svg+xml' },
      { src: '/icon-192.png', sizes: '192x192', type: 'image/png' },
      { src: '/icon-512.png', sizes: '512x512', type: 'image/png' },
      { src: '/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  }
}
