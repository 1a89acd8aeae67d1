import { getTranslations } from 'next-intl/server'
import type { TimelineEntry } from '@/lib/connections/queries'
import { formatDateTime } from '@/lib/dates'
import type { Messages } from '@/lib/i18n/messages'

type TimelineAction = keyof Messages['connections']['timelineAction']

function duration(ms: number, t: (key: 'minutes' | 'hours' | 'days', values: { n: number }) => string): string {
  const minutes = Math.round(ms / 60_000)
  if (minutes < 60) return t('minutes', { n: minutes })
  const hours = Math.round(minutes / 60)
  if (hours < 48) return t('hours', { n: hours })
  return t('days', { n: Math.round(hours / 24) })
}

/** Every step with who took it, when, and how long it took after the one before. */
export async function CaseTimeline({ entries }: { entries: TimelineEntry[] }) {
  const t = await getTranslations('connections')
  const tDuration = await getTranslations('connections.duration')
  return (
    <section aria-labelledby="timeline-title" className="rounded-md border border-line bg-white p-5">
      <h2 id="timeline-title" className="text-lg font-semibold">
        {t('detail.timeline')}
      </h2>
      <ol className="mt-3 space-y-3 border-l-2 border-brand-100 pl-4 text-sm">
        {entries.map((entry, i) => {
          const previous = entries[i - 1]
          const action = entry.action.replace(/^case\./, '') as TimelineAction
          return (
            <li key={entry.id}>
              <p className="font-medium">{t(`timelineAction.${action}`)}</p>
              <p className="text-muted">
                {entry.actorName ?? '—'} · <time dateTime={entry.at.toISOString()}>{formatDateTime(entry.at)}</time>
                {previous &&
                  ` · ${t('detail.took', { duration: duration(entry.at.getTime() - previous.at.getTime(), tDuration) })}`}
              </p>
            </li>
          )
        })}
      </ol>
    </section>
  )
}
