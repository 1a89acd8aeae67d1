import type { Viewer } from '@/lib/auth/viewer'
import { navigationFor } from '@/lib/navigation'
import { MainNav } from './main-nav'
import { SiteFooter } from './site-footer'
import { SiteHeader } from './site-header'

/** The frame of every signed-in page: header, navigation by role, content, footer. */
export function PortalShell({ viewer, children }: { viewer: Viewer; children: React.ReactNode }) {
  return (
    <>
      <SiteHeader viewer={viewer} />
      <MainNav items={navigationFor(viewer)} />
      <main id="contenido" className="mx-auto w-full max-w-6xl flex-1 px-4 py-6 sm:py-8">
        {children}
      </main>
      <SiteFooter />
    </>
  )
}
