import Link from 'next/link'
import { notFound } from 'next/navigation'
import { getTranslations } from 'next-intl/server'
import { AgreementSignatures } from '@/components/agreements/agreement-signatures'
import { agreementTermText, serviceLevelsText } from '@/components/agreements/agreement-terms-text'
import { ServiceLevelsMeasured } from '@/components/agreements/service-levels-measured'
import { StepForm } from '@/components/connections/step-form'
import { Badge } from '@/components/ui/badge'
import { PageHeader } from '@/components/ui/page-header'
import { requireRecordId } from '@/lib/ids'
import { terminateAgreementAction } from '@/lib/agreements/actions'
import { getAgreement } from '@/lib/agreements/queries'
import { agreementTerm } from '@/lib/agreements/status'
import { requirePermission } from '@/lib/auth/viewer'
import { formatCalendarDate, formatDateTime } from '@/lib/dates'
import { agreementServiceLevels } from '@/lib/traces/service-levels'

export default async function AgreementPage({ params }: PageProps<'/agreements/[id]'>) {
  const viewer = await requirePermission('connections.read')
  const agreement = await getAgreement(viewer, requireRecordId((await params).id))
  if (!agreement) notFound()
  const levels = agreement.inForceFrom ? await agreementServiceLevels(viewer, agreement.id) : null
  const t = await getTranslations('agreements')
  const tCase = await getTranslations('connections')
  const facts: [string, string][] = [
    [tCase('detail.consumer'), agreement.case.consumer.name],
    [tCase('detail.provider'), agreement.case.provider.name],
    [tCase('detail.service'), agreement.case.service.name],
    [tCase('detail.legalBasis'), agreement.legalBasis],
    [tCase('detail.purpose'), agreement.purpose],
    [tCase('detail.procedure'), agreement.procedure],
    [tCase('detail.dataRequested'), agreement.dataRequested],
    [tCase('detail.expectedVolume'), agreement.expectedVolume],
    [tCase('detail.serviceLevels'), await serviceLevelsText(agreement.serviceLevels)],
    [t('columns.endsOn'), await agreementTermText(agreementTerm(agreement))],
    ...(agreement.rejectionReason
      ? ([[tCase('detail.rejectionReason'), agreement.rejectionReason]] as [string, string][])
      : []),
  ]
  const dates: [string, string | null][] = [
    [t('detail.requestedAt'), formatDateTime(agreement.requestedAt)],
    [t('detail.decidedAt'), agreement.decidedAt && formatDateTime(agreement.decidedAt)],
    [t('detail.inForceFrom'), agreement.inForceFrom && formatDateTime(agreement.inForceFrom)],
    [
      t('detail.terminationNoticeOn'),
      agreement.terminationNoticeOn && formatCalendarDate(agreement.terminationNoticeOn),
    ],
    [t('detail.terminatesOn'), agreement.terminatesOn && formatCalendarDate(agreement.terminatesOn)],
    [t('detail.terminationReason'), agreement.terminationReason],
  ]
  return (
    <div className="space-y-6">
      <PageHeader
        eyebrow={<Link href="/agreements">{t('title')}</Link>}
        title={t('detail.title', { number: agreement.case.number })}
        description={tCase(`agreementKind.${agreement.kind}`)}
        actions={
          <>
            <Badge tone={agreement.effectiveStatus === 'IN_FORCE' ? 'success' : 'warning'}>
              {tCase(`agreementStatus.${agreement.effectiveStatus}`)}
            </Badge>
            <Link href={`/connections/${agreement.case.id}`}>{t('detail.openCase')}</Link>
          </>
        }
      />
      <section aria-labelledby="terms" className="rounded-md border border-line bg-white p-5">
        <h2 id="terms" className="text-lg font-semibold">
          {t('detail.terms')}
        </h2>
        <dl className="mt-3 grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
          {facts.map(([label, value]) => (
            <div key={label}>
              <dt className="text-muted">{label}</dt>
              <dd className="whitespace-pre-line font-medium">{value}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section aria-labelledby="signatures" className="rounded-md border border-line bg-white p-5 text-sm">
        <h2 id="signatures" className="text-lg font-semibold">
          {tCase('detail.signatures')}
        </h2>
        <div className="mt-3">
          <AgreementSignatures
            caseId={agreement.case.id}
            signatures={agreement.signatures}
            pdfSha256={agreement.pdfSha256}
          />
        </div>
        <h3 className="mt-4 font-semibold">{t('detail.documents')}</h3>
        {agreement.documents.length === 0 ? (
          <p className="text-muted">{t('detail.documentsNone')}</p>
        ) : (
          <ul className="mt-1 space-y-1">
            {agreement.documents.map((d) => (
              <li key={d.id}>
                <a href={`/agreements/${agreement.id}/documents/${d.id}`}>{d.fileName}</a>{' '}
                <code className="break-all text-xs text-muted">SHA-256 {d.sha256}</code>
              </li>
            ))}
          </ul>
        )}
        <h3 className="mt-4 font-semibold">{t('detail.dates')}</h3>
        <dl className="mt-1 grid gap-x-6 gap-y-2 sm:grid-cols-2">
          {dates
            .filter(([, v]) => v)
            .map(([label, value]) => (
              <div key={label}>
                <dt className="text-muted">{label}</dt>
                <dd>{value}</dd>
              </div>
            ))}
        </dl>
      </section>
      {levels && <ServiceLevelsMeasured levels={levels} />}
      {agreement.mayTerminate && (
        <section aria-labelledby="terminate" className="rounded-md border border-line bg-white p-5">
          <h2 id="terminate" className="mb-2 text-lg font-semibold">
            {t('terminate.title')}
          </h2>
          <StepForm
            action={terminateAgreementAction.bind(null, agreement.id)}
            intro={t('terminate.intro')}
            submitLabel={t('terminate.submit')}
            variant="danger"
            fields={[
              { name: 'terminatesOn', label: t('terminate.terminatesOn'), type: 'date', required: true },
              { name: 'reason', label: t('terminate.reason'), type: 'textarea', required: true },
            ]}
          />
        </section>
      )}
    </div>
  )
}
