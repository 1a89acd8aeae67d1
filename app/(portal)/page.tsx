import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import { PageHeader } from '@/components/ui/page-header'
import { requireViewer } from '@/lib/auth/viewer'
import { workQueue } from '@/lib/connections/queries'
import { formatDateTime } from '@/lib/dates'
import { publicationQueue } from '@/lib/review/queries'

export default async function HomePage() {
  const viewer = await requireViewer()
  const t = await getTranslations('home')
  const tRoles = await getTranslations('roles')
  const isCitizen = viewer.memberships.length === 0 && viewer.centralRoles.length === 0
  // A citizen has no queue; everyone else's two queues are read side by side.
  const [queue, publications] = isCitizen
    ? [
        { items: [], total: 0 },
        { items: [], total: 0 },
      ]
    : await Promise.all([workQueue(viewer), publicationQueue(viewer)])
  const tSteps = await getTranslations('connections.steps')
  const tReview = await getTranslations('review')

  return (
    <div className="space-y-8">
      <PageHeader title={t('greeting', { name: viewer.name })} />

      <section aria-labelledby="roles-title" className="rounded-md border border-line bg-white p-5">
        <h2 id="roles-title" className="text-lg font-semibold">
          {t('yourRoles')}
        </h2>
        {isCitizen ? (
          <p className="mt-2 text-muted">{t('citizenRole')}</p>
        ) : (
          <ul className="mt-3 space-y-1" data-testid="viewer-roles">
            {viewer.memberships.map((m) => (
              <li key={`${m.institutionId}-${m.role}`}>
                {t('roleAt', { role: tRoles(m.role), institution: m.institutionName })}
              </li>
            ))}
            {viewer.centralRoles.map((role) => (
              <li key={role}>{t('networkRole', { role: tRoles(role) })}</li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="queue-title" className="rounded-md border border-line bg-white p-5">
        <h2 id="queue-title" className="text-lg font-semibold">
          {t('queueTitle')}
        </h2>
        {queue.total > 0 && (
          <p className="mt-1 text-sm text-muted" data-testid="work-queue-total">
            {queue.total > queue.items.length
              ? t('queueShowing', { shown: queue.items.length, total: queue.total })
              : t('queueTotal', { total: queue.total })}
          </p>
        )}
        {queue.items.length === 0 ? (
          <p className="mt-2 text-muted">{t('queueEmpty')}</p>
        ) : (
          <ul className="mt-3 divide-y divide-line" data-testid="work-queue">
            {queue.items.map((item) => (
              <li key={item.caseId} className="py-3">
                <Link href={`/connections/${item.caseId}`} className="font-medium">
                  {tSteps(`${item.step}.title`)}
                </Link>
                <p className="text-sm text-muted">
                  {t('queueItem', { number: item.number, service: item.serviceName, consumer: item.consumerName })} ·{' '}
                  {t('queueSince', { date: formatDateTime(item.since) })}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>

      {publications.total > 0 && (
        <section aria-labelledby="publications-title" className="rounded-md border border-line bg-white p-5">
          <h2 id="publications-title" className="text-lg font-semibold">
            {tReview('title')}
          </h2>
          <p className="mt-1 text-sm text-muted">{t('queueTotal', { total: publications.total })}</p>
          <ul className="mt-3 divide-y divide-line" data-testid="publication-queue">
            {publications.items.map((item) => (
              <li key={item.requestId} className="py-3">
                <Link href={`/catalog/requests/${item.requestId}`} className="font-medium">
                  {tReview(`steps.${item.step}.title`)}
                </Link>
                <p className="text-sm text-muted">
                  {tReview('queueItem', {
                    number: item.number,
                    subject: item.subject,
                    institution: item.institutionName,
                  })}{' '}
                  · {t('queueSince', { date: formatDateTime(item.since) })}
                </p>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  )
}
