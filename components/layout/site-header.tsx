import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import { signOutAction } from '@/lib/auth/actions'
import type { Viewer } from '@/lib/auth/viewer'
import { unreadCount } from '@/lib/notifications/queries'
import { GovBar } from './gov-bar'

/** Portal name on the left; who is signed in, for which institution, and sign-out on the right. */
export async function SiteHeader({ viewer }: { viewer: Viewer | null }) {
  const t = await getTranslations('common')
  const tRoles = await getTranslations('roles')
  const tNotices = await getTranslations('notifications')
  const unread = viewer ? await unreadCount(viewer) : 0
  const membership = viewer?.memberships[0]
  const context = membership
    ? `${tRoles(`short.${membership.role}`)} · ${membership.institutionShortName}`
    : viewer?.centralRoles[0]
      ? tRoles(`short.${viewer.centralRoles[0]}`)
      : viewer
        ? tRoles('short.CITIZEN')
        : null
  return (
    <header className="bg-white">
      <GovBar />
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-3">
        <Link href="/" className="text-ink no-underline hover:no-underline">
          <span className="block text-xs font-semibold uppercase tracking-wide text-brand-700">{t('government')}</span>
          <span className="block text-xl font-bold">{t('portalName')}</span>
          <span className="block text-xs text-muted">{t('portalTagline')}</span>
        </Link>
        {viewer && (
          <div className="flex items-center gap-3 text-sm">
            <div className="text-right">
              <p className="sr-only">{t('signedInAs')}</p>
              <p className="font-semibold" data-testid="viewer-name">
                {viewer.name}
              </p>
              {context && (
                <p className="text-muted" data-testid="viewer-context">
                  {context}
                </p>
              )}
            </div>
            <Link
              href="/notifications"
              className="relative rounded-md border border-line px-3 py-2 font-medium text-brand-700 no-underline hover:bg-brand-50 hover:no-underline"
              data-testid="notifications-link"
            >
              {tNotices('headerLink')}
              {unread > 0 && (
                <>
                  {/* The badge's number is read within the link's name ("Avisos 3 sin leer"), which keeps the visible text in it. */}{' '}
                  <span className="ml-1 rounded-full bg-danger-700 px-2 py-0.5 text-xs font-bold text-white">
                    {unread}
                  </span>
                  <span className="sr-only"> {tNotices('headerUnreadSuffix')}</span>
                </>
              )}
            </Link>
            <form action={signOutAction}>
              <button
                type="submit"
                className="rounded-md border border-line px-3 py-2 font-medium text-brand-700 hover:bg-brand-50"
              >
                {t('signOut')}
              </button>
            </form>
          </div>
        )}
      </div>
    </header>
  )
}
