import { getTranslations } from 'next-intl/server'
import type { Viewer } from '@/lib/auth/viewer'
import { navigationFor } from '@/lib/navigation'
import { MainNav } from './main-nav'
import { SiteFooter } from './site-footer'
import { SiteHeader } from './site-header'

/** The frame of every signed-in page: header, navigation by role, content, footer. */
export async function PortalShell({ viewer, children }: { viewer: Viewer; children: React.ReactNode }) {
  const t = await getTranslations('nav')
  const items = navigationFor(viewer).map((item) => ({ href: item.href, label: t(item.label) }))
  return (
    <>
      <SiteHeader viewer={viewer} />
      <MainNav label={t('label')} items={items} />
      <main id="contenido" className="mx-auto w-full max-w-6xl flex-1 px-4 py-6 sm:py-8">
        {children}
      </main>
      <SiteFooter />
    </>
  )
}
