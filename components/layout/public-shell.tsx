import { SiteFooter } from './site-footer'
import { SiteHeader } from './site-header'

/** The frame of the pages seen signed out: header, content, footer. */
export function PublicShell({ children }: { children: React.ReactNode }) {
  return (
    <>
      <SiteHeader viewer={null} />
      <main id="contenido" className="mx-auto w-full max-w-6xl flex-1 px-4 py-8">
        {children}
      </main>
      <SiteFooter />
    </>
  )
}
