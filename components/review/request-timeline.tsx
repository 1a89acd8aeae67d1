import { getTranslations } from 'next-intl/server'
import { formatDateTime } from '@/lib/dates'
import type { Messages } from '@/lib/i18n/messages'
import type { RequestDetail } from '@/lib/review/queries'

type TimelineAction = keyof Messages['review']['timeline']

/** Every step of the request with who took it and when. */
export async function RequestTimeline({ entries }: { entries: RequestDetail['timeline'] }) {
  const t = await getTranslations('review')
  return (
    <section aria-labelledby="timeline-title" className="rounded-md border border-line bg-white p-5">
      <h2 id="timeline-title" className="text-lg font-semibold">
        {t('detail.timeline')}
      </h2>
      <ol className="mt-3 space-y-3 border-l-2 border-brand-100 pl-4 text-sm">
        {entries.map((entry) => (
          <li key={entry.id}>
            <p className="font-medium">{t(`timeline.${entry.action as TimelineAction}`)}</p>
            <p className="text-muted">
              {entry.actorName ?? '—'} · <time dateTime={entry.at.toISOString()}>{formatDateTime(entry.at)}</time>
            </p>
          </li>
        ))}
      </ol>
    </section>
  )
}
