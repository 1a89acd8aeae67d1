import { getTranslations } from 'next-intl/server'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { PageHeader } from '@/components/ui/page-header'
import { requirePermission } from '@/lib/auth/viewer'
import { formatDateTime } from '@/lib/dates'
import { institutionNames, traceRecord, type TraceRow } from '@/lib/traces/queries'

export async function generateMetadata() {
  return { title: (await getTranslations('traces'))('title') }
}

/** One exchange: the consumer's and the provider's reports of it, side by side. */
export default async function TraceRecordPage({ params }: PageProps<'/traces/[id]'>) {
  const viewer = await requirePermission('traces.read')
  const found = await traceRecord(viewer, (await params).id)
  if (!found) notFound()
  const { record, reports } = found
  const t = await getTranslations('traces')
  const names = await institutionNames([record.consumerId, record.providerId])
  const name = (id: string) => names.get(id) ?? id
  const sides = [record.consumerId, record.providerId].map((institutionId) => ({
    institutionId,
    report: reports.find((r) => r.reporterInstitutionId === institutionId),
  }))
  const fields = (r: TraceRow) =>
    [
      ['time', formatDateTime(r.time)],
      ['consumer', name(r.consumerId)],
      ['provider', name(r.providerId)],
      ['service', r.serviceCode],
      ['operation', r.operation],
      ['procedure', r.procedure],
      ['caseFileId', r.caseFileId ?? '—'],
      ['result', t(`result.${r.result as 'OK'}`)],
      ['latency', t('latencyMs', { ms: r.latencyMs })],
      ['environment', r.environment],
      ['grant', r.grantInForce ? t('grantInForce') : t('grantMissing')],
    ] as const
  return (
    <div className="space-y-6">
      <PageHeader
        title={t('record.title', { traceId: record.traceId })}
        eyebrow={<Link href="/traces">{t('record.back')}</Link>}
      />
      <h2 className="text-lg font-semibold">{t('record.reports')}</h2>
      <div className="grid gap-4 md:grid-cols-2">
        {sides.map(({ institutionId, report }) => (
          <section
            key={institutionId}
            aria-labelledby={`report-${institutionId}`}
            className="rounded-lg border border-line p-4"
          >
            <h3 id={`report-${institutionId}`} className="mb-2 font-semibold">
              {t('record.reportBy', { institution: name(institutionId) })}
            </h3>
            {report ? (
              <dl className="grid grid-cols-2 gap-x-3 gap-y-1 text-sm">
                {fields(report).map(([key, value]) => (
                  <div key={key} className="contents">
                    <dt className="text-muted">{t(`columns.${key}`)}</dt>
                    <dd>{value}</dd>
                  </div>
                ))}
              </dl>
            ) : (
              <p className="text-muted">{t('record.missing')}</p>
            )}
          </section>
        ))}
      </div>
    </div>
  )
}
