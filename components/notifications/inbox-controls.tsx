import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import { Button } from '@/components/ui/button'
import { markAllReadAction } from '@/lib/notifications/actions'

export async function MarkAllReadForm() {
  const t = await getTranslations('notifications')
  return (
    <form action={markAllReadAction}>
      <Button type="submit" variant="secondary">
        {t('markAllRead')}
      </Button>
    </form>
  )
}

export async function InboxPagination({ page, pageCount }: { page: number; pageCount: number }) {
  if (pageCount <= 1) return null
  const t = await getTranslations('notifications')
  return (
    <nav aria-label={t('pagination')} className="flex items-center gap-4 text-sm">
      {page > 1 && <Link href={`/notifications?page=${page - 1}`}>{t('previous')}</Link>}
      <span aria-current="page">{t('pageOf', { page, pageCount })}</span>
      {page < pageCount && <Link href={`/notifications?page=${page + 1}`}>{t('next')}</Link>}
    </nav>
  )
}
