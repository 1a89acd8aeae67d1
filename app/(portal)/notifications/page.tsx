import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import { PageHeader } from '@/components/ui/page-header'
import { requireViewer } from '@/lib/auth/viewer'
import { formatDateTime } from '@/lib/dates'
import { markAllReadAction, openNotificationAction } from '@/lib/notifications/actions'
import { listNotifications } from '@/lib/notifications/queries'

export const metadata = { title: 'Avisos' }

export default async function NotificationsPage({ searchParams }: PageProps<'/notifications'>) {
  const viewer = await requireViewer()
  const raw = Number((await searchParams).page)
  const page = Number.isSafeInteger(raw) && raw > 0 ? raw : 1
  const { rows, pageCount } = await listNotifications(viewer, page)
  const t = await getTranslations('notifications')
  return (
    <div className="space-y-6">
      <PageHeader
        title={t('title')}
        description={t('description')}
        actions={
          rows.some((n) => !n.readAt) && (
            <form action={markAllReadAction}>
              <button type="submit" className="rounded-md border border-line bg-white px-3 py-2 text-sm font-medium text-brand-700 hover:bg-brand-50">
                {t('markAllRead')}
              </button>
            </form>
          )
        }
      />
      {rows.length === 0 ? (
        <p className="rounded-md border border-line bg-white p-5 text-muted">{t('empty')}</p>
      ) : (
        <ul className="divide-y divide-line rounded-md border border-line bg-white" aria-label={t('title')}>
          {rows.map((n) => (
            <li key={n.id} className={`p-4 ${n.readAt ? '' : 'bg-brand-50'}`}>
              <form action={openNotificationAction} className="flex flex-wrap items-start justify-between gap-3">
                <input type="hidden" name="notificationId" value={n.id} />
                <div>
                  <p className="font-semibold">
                    {!n.readAt && <span className="sr-only">{t('unread')}: </span>}
                    {n.title}
                  </p>
                  <p className="text-sm">{n.body}</p>
                  <p className="text-xs text-muted">{formatDateTime(n.createdAt)}</p>
                </div>
                <button type="submit" className="shrink-0 rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white hover:bg-brand-700">
                  {t('open')}
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
      {pageCount > 1 && (
        <nav aria-label={t('pagination')} className="flex gap-3 text-sm">
          {page > 1 && <Link href={`/notifications?page=${page - 1}`}>{t('previous')}</Link>}
          <span>{t('pageOf', { page, pageCount })}</span>
          {page < pageCount && <Link href={`/notifications?page=${page + 1}`}>{t('next')}</Link>}
        </nav>
      )}
    </div>
  )
}
