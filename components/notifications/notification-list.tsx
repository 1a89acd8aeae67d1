import { getTranslations } from 'next-intl/server'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { formatDateTime } from '@/lib/dates'
import { markReadAction, openNotificationAction } from '@/lib/notifications/actions'
import type { InboxNotification } from '@/lib/notifications/queries'

/**
 * The viewer's notices; pending ones (unread, their step not yet done) stand out by colour and by a
 * visible "Sin leer" badge; those whose step was done since say so, and stay as history.
 */
export async function NotificationList({
  notifications,
  label,
}: {
  notifications: InboxNotification[]
  label: string
}) {
  const t = await getTranslations('notifications')
  if (notifications.length === 0) {
    return (
      <div className="rounded-md border border-line bg-white p-5">
        <p className="font-semibold">{t('empty')}</p>
        <p className="mt-1 text-sm text-muted">{t('emptyHint')}</p>
      </div>
    )
  }
  return (
    <ul className="divide-y divide-line rounded-md border border-line bg-white" aria-label={label}>
      {notifications.map((n) => (
        <NotificationItem key={n.id} notification={n} />
      ))}
    </ul>
  )
}

async function NotificationItem({ notification: n }: { notification: InboxNotification }) {
  const t = await getTranslations('notifications')
  const unread = !n.readAt && !n.resolvedAt
  return (
    <li
      className={`flex flex-wrap items-start justify-between gap-3 border-l-4 p-4 ${unread ? 'border-l-brand-600 bg-brand-50' : 'border-l-transparent'}`}
      data-testid="notification"
      data-unread={unread || undefined}
    >
      <div className="min-w-0 grow basis-72">
        <p className="flex flex-wrap items-center gap-2">
          <span className={unread ? 'font-bold' : 'font-medium'}>{n.title}</span>
          {unread && <Badge tone="brand">{t('unread')}</Badge>}
          {n.resolvedAt && <Badge tone="success">{t('resolved')}</Badge>}
        </p>
        <p className="mt-1 text-sm">{n.body}</p>
        <p className="mt-1 text-xs text-muted">
          <time dateTime={n.createdAt.toISOString()}>{t('receivedAt', { date: formatDateTime(n.createdAt) })}</time>
          {n.resolvedAt && (
            <>
              {' · '}
              <time dateTime={n.resolvedAt.toISOString()}>
                {t('resolvedAt', { date: formatDateTime(n.resolvedAt) })}
              </time>
            </>
          )}
        </p>
      </div>
      <div className="flex shrink-0 flex-wrap gap-2">
        {/* Through an action, so following the notice also marks it read. */}
        <form action={openNotificationAction}>
          <input type="hidden" name="notificationId" value={n.id} />
          <Button type="submit" aria-label={t(n.caseId ? 'openLabel' : 'openLinkLabel', { title: n.title })}>
            {t(n.caseId ? 'open' : 'openLink')}
          </Button>
        </form>
        {unread && (
          <form action={markReadAction}>
            <input type="hidden" name="notificationId" value={n.id} />
            <Button type="submit" variant="secondary" aria-label={t('markReadLabel', { title: n.title })}>
              {t('markRead')}
            </Button>
          </form>
        )}
      </div>
    </li>
  )
}
