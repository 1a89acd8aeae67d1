import { getTranslations } from 'next-intl/server'
import { formatCalendarDate, formatDate, formatDateTime } from '@/lib/dates'
import type { CooperationDetail } from '@/lib/readiness/queries'

function formatSize(bytes: number): string {
  return bytes < 1024 * 1024
    ? `${Math.max(1, Math.round(bytes / 1024))} KB`
    : `${(bytes / (1024 * 1024)).toFixed(1).replace('.', ',')} MB`
}

/** The convenio as recorded: dates, decrees, term, service levels and its documents. */
export async function CooperationDetails({
  institutionId,
  cooperation: c,
  level = 3,
}: {
  institutionId: string
  cooperation: CooperationDetail | null
  /** Heading level of its title, to fit the page it is on. */
  level?: 2 | 3
}) {
  const t = await getTranslations('readiness.cooperation')
  const Title = level === 2 ? 'h2' : 'h3'
  const Subtitle = level === 2 ? 'h3' : 'h4'
  if (!c) {
    return (
      <div className="text-sm">
        <Title className="font-semibold">{t('title')}</Title>
        <p className="mt-1 text-muted">{t('none')}</p>
      </div>
    )
  }
  const facts: [string, string][] = [
    [t('signedOn'), formatCalendarDate(c.signedOn)],
    [t('inForceFrom'), c.inForceFrom ? `${formatCalendarDate(c.inForceFrom)} (${t('inForceFromHint')})` : '—'],
    [t('segpresDecree'), t('decree', { number: c.segpresDecreeNumber, date: formatCalendarDate(c.segpresDecreeDate) })],
    [
      t('institutionDecree'),
      t('decree', { number: c.institutionDecreeNumber, date: formatCalendarDate(c.institutionDecreeDate) }),
    ],
    [
      t('term'),
      c.terminatesOn && c.terminationNoticeOn
        ? t('terminating', {
            notice: formatCalendarDate(c.terminationNoticeOn),
            date: formatCalendarDate(c.terminatesOn),
          })
        : t('indefinite'),
    ],
    ...(c.terminationGivenBy
      ? ([
          [
            t('terminationNotice'),
            [
              t('terminationGivenBy', { party: t(`terminationParty.${c.terminationGivenBy}`) }),
              c.terminationRecordedAt &&
                t('terminationRecorded', {
                  name: c.terminationRecordedBy ?? '—',
                  at: formatDateTime(c.terminationRecordedAt),
                }),
            ]
              .filter(Boolean)
              .join(' '),
          ],
        ] as [string, string][])
      : []),
    [t('sla'), t('slaValue', { availability: c.availability, hours: c.criticalResolutionHours })],
  ]
  return (
    <div className="space-y-4 text-sm">
      <div>
        <Title className={level === 2 ? 'text-lg font-semibold' : 'font-semibold'}>{t('title')}</Title>
        <dl className="mt-2 grid gap-x-6 gap-y-3 sm:grid-cols-2">
          {facts.map(([label, value]) => (
            <div key={label}>
              <dt className="text-muted">{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      </div>
      <div>
        <Subtitle className="font-semibold">{t('documents')}</Subtitle>
        {c.documents.length === 0 ? (
          <p className="mt-1 text-muted">{t('documentsNone')}</p>
        ) : (
          <ul className="mt-1 space-y-2">
            {c.documents.map((d) => (
              <li key={d.id}>
                <a
                  href={`/institutions/${institutionId}/readiness/documents/${d.id}`}
                  aria-label={t('download', { fileName: d.fileName })}
                  className="font-medium"
                >
                  {d.fileName}
                </a>
                <span className="ml-2 text-muted">
                  {t('documentMeta', { size: formatSize(d.size), date: formatDate(d.uploadedAt) })}
                </span>
                <code className="block break-all text-xs text-muted">SHA-256 {d.sha256}</code>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  )
}
