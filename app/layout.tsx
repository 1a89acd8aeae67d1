import type { Metadata, Viewport } from 'next'
import { connection } from 'next/server'
import { getTranslations } from 'next-intl/server'
import { DemoBanner } from '@/components/layout/demo-banner'
import { locale } from '@/lib/i18n/config'
import './globals.css'

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('common')
  return {
    title: { default: t('portalName'), template: `%s · ${t('portalName')}` },
    description: t('portalTagline'),
    icons: {
      icon: [
        { url: '/favicon.ico', sizes: '48x48' },
        { url: '/icon.svg', type: 'image/svg+xml' },
      ],
      apple: '/apple-touch-icon.png',
    },
  }
}

export const viewport: Viewport = { width: 'device-width', initialScale: 1, themeColor: '#0b4f94' }

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page is rendered per request: its scripts carry that request's CSP nonce (proxy.ts).
  await connection()
  const t = await getTranslations('common')
  return (
    <html lang={locale}>
      <body className="flex min-h-screen flex-col font-sans">
        <a
          href="#contenido"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
        >
          {t('skipToContent')}
        </a>
        <DemoBanner />
        {/* No client-side i18n or URL-state runtime here (decision 013): client islands get their words as
            props, translated on the server. */}
        {children}
      </body>
    </html>
  )
}
