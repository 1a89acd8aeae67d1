import { getTranslations } from 'next-intl/server'
import { formatDateTime } from '@/lib/dates'
import type { RequestDetail } from '@/lib/review/queries'

function Facts({ items }: { items: [string, React.ReactNode][] }) {
  return (
    <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-2">
      {items.map(([label, value]) => (
        <div key={label}>
          <dt className="text-muted">{label}</dt>
          <dd className="font-medium whitespace-pre-line">{value}</dd>
        </div>
      ))}
    </dl>
  )
}

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="rounded-md border border-line bg-white p-5">
      <h2 id={id} className="text-lg font-semibold">
        {title}
      </h2>
      <div className="mt-3 space-y-3 text-sm">{children}</div>
    </section>
  )
}

export async function RequestOverview({ detail }: { detail: RequestDetail }) {
  const t = await getTranslations('review')
  const approval = (a: { name: string | null; at: Date } | null) =>
    a ? `${a.name ?? '—'} · ${formatDateTime(a.at)}` : t('detail.pending')
  return (
    <div className="space-y-6">
      {detail.returnReason && (
        <p role="note" className="rounded-md border border-warning-700/30 bg-warning-50 p-3 text-sm text-warning-700">
          <span className="font-semibold">{t('detail.returnReason')}: </span>
          {detail.returnReason}
        </p>
      )}
      <Section id="request-title" title={t('detail.request')}>
        <Facts
          items={[
            [t('detail.subject'), `${t(`kind.${detail.kind}`)} · ${detail.subject} · v${detail.version}`],
            [t('detail.institution'), detail.institutionName],
            [t('detail.requestedBy'), `${detail.requestedByName} · ${formatDateTime(detail.requestedAt)}`],
            [t('detail.reviewer'), detail.reviewerName ?? t('detail.unassigned')],
            [t('detail.requestNote'), detail.requestNote],
            [t('detail.changes'), detail.changes],
          ]}
        />
        {detail.operations.length > 0 && (
          <>
            <h3 className="font-semibold">{t('detail.operations')}</h3>
            <ul className="list-disc pl-5" data-testid="operations">
              {detail.operations.map((op, i) => (
                <li key={i}>
                  <code>{op.method ? `${op.method} ${op.path}` : op.name}</code>
                  {op.summary ? ` — ${op.summary}` : ''}
                </li>
              ))}
            </ul>
          </>
        )}
      </Section>
      <Section id="note-title" title={t('detail.note')}>
        {detail.note ? (
          <Facts
            items={[
              [t('detail.devEndpoint'), detail.note.devEndpoint ?? '—'],
              [t('detail.activities'), detail.note.activities],
              [t('detail.recommendations'), detail.note.recommendations ?? '—'],
              [t('detail.leadApproval'), approval(detail.leadApproval)],
              [t('detail.headApproval'), approval(detail.headApproval)],
            ]}
          />
        ) : (
          <p className="text-muted">{t('detail.noteNone')}</p>
        )}
        {detail.mayReadNote && (
          <p>
            <a href={`/catalog/requests/${detail.id}/note`} className="font-medium">
              {t('detail.downloadPdf')}
            </a>
          </p>
        )}
      </Section>
    </div>
  )
}
