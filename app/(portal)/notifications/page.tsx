import { getTranslations } from 'next-intl/server'
import { InboxPagination, MarkAllReadForm } from '@/components/notifications/inbox-controls'
import { NotificationList } from '@/components/notifications/notification-list'
import { PageHeader } from '@/components/ui/page-header'
import { requireViewer } from '@/lib/auth/viewer'
import { listNotifications, unreadCount } from '@/lib/notifications/queries'

export async function generateMetadata() {
  return { title: (await getTranslations('notifications'))('title') }
}

export default async function NotificationsPage({ searchParams }: PageProps<'/notifications'>) {
  const viewer = await requireViewer()
  const [inbox, unread] = await Promise.all([
    listNotifications(viewer, { page: Number((await searchParams).page) }),
    unreadCount(viewer),
  ])
  const t = await getTranslations('notifications')
  return (
    <div className="space-y-6">
      <PageHeader
        title={t('title')}
        description={
          <>
            {t('description')}{' '}
            {inbox.total > 0 && <strong className="text-ink">{t('unreadSummary', { count: unread })}</strong>}
          </>
        }
        actions={unread > 0 && <MarkAllReadForm />}
      />
      <NotificationList notifications={inbox.rows} label={t('title')} />
      <InboxPagination page={inbox.page} pageCount={inbox.pageCount} />
    </div>
  )
}
