import { getTranslations } from 'next-intl/server'
import { PortalShell } from '@/components/layout/portal-shell'
import { SiteFooter } from '@/components/layout/site-footer'
import { SiteHeader } from '@/components/layout/site-header'
import { HomeLink, StatusMessage } from '@/components/ui/status-page'
import { getViewer } from '@/lib/auth/viewer'

export async function generateMetadata() {
  const t = await getTranslations('errors')
  return { title: t('notFoundTitle') }
}

/** Inside the portal's frame (header, menu, footer) when signed in, so the way on is one click away. */
export default async function NotFound() {
  const t = await getTranslations('errors')
  const viewer = await getViewer()
  const message = (
    <StatusMessage
      code="404"
      title={t('notFoundTitle')}
      body={t('notFoundBody')}
      action={<HomeLink label={t('goHome')} />}
    />
  )
  if (viewer) return <PortalShell viewer={viewer}>{message}</PortalShell>
  return (
    <>
      <SiteHeader viewer={null} />
      <main id="contenido" className="mx-auto w-full max-w-6xl flex-1 px-4 py-8">
        {message}
      </main>
      <SiteFooter />
    </>
  )
}
