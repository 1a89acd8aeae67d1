import Link from 'next/link'
import { notFound } from 'next/navigation'
import { getTranslations } from 'next-intl/server'
import { CooperationDetails } from '@/components/readiness/cooperation-details'
import { CooperationForm } from '@/components/readiness/cooperation-form'
import { DocumentUploadForm } from '@/components/readiness/document-upload-form'
import { TerminationForm } from '@/components/readiness/termination-form'
import { terminationParties } from '@/lib/readiness/parties'
import { PageHeader } from '@/components/ui/page-header'
import { requireRecordId } from '@/lib/ids'
import { requirePermission } from '@/lib/auth/viewer'
import { getInstitution } from '@/lib/institutions/queries'
import { MAX_DOCUMENT_MB } from '@/lib/readiness/cooperation'
import { getReadiness } from '@/lib/readiness/queries'
import { todayInChile } from '@/lib/dates'

export async function generateMetadata() {
  const t = await getTranslations('readiness')
  return { title: t('metaTitle') }
}

const iso = (date: Date) => date.toISOString().slice(0, 10)

/** DGD records an institution's convenio with SEGPRES: its terms, its PDFs, a termination notice. */
export default async function CooperationPage({ params, searchParams }: PageProps<'/institutions/[id]/readiness'>) {
  const id = requireRecordId((await params).id)
  const viewer = await requirePermission('readiness.manage')
  const [institution, readiness] = await Promise.all([getInstitution(viewer, id), getReadiness(viewer, id)])
  if (!institution || !readiness) notFound()
  const t = await getTranslations('readiness.manage')
  const c = readiness.cooperation
  // Set when the upload form was posted without JavaScript and the route handler sent us back.
  const upload = (await searchParams).upload
  const uploadState =
    upload === 'success'
      ? { status: 'success' as const, message: t('upload.done') }
      : upload === 'error'
        ? { status: 'error' as const, message: t('upload.failed', { maxMb: MAX_DOCUMENT_MB }) }
        : undefined

  return (
    <div className="space-y-8">
      <PageHeader
        eyebrow={<Link href={`/institutions/${id}`}>{institution.name}</Link>}
        title={t('title')}
        description={t('description', { institution: institution.name })}
      />
      <section aria-label={t('current')} className="rounded-md border border-line bg-white p-5">
        <CooperationDetails institutionId={id} cooperation={c} level={2} />
      </section>
      <section aria-labelledby="record-title" className="rounded-md border border-line bg-white p-5">
        <h2 id="record-title" className="mb-2 text-lg font-semibold">
          {t('record.title')}
        </h2>
        <CooperationForm
          institutionId={id}
          defaults={
            c
              ? {
                  signedOn: iso(c.signedOn),
                  segpresDecreeNumber: c.segpresDecreeNumber,
                  segpresDecreeDate: iso(c.segpresDecreeDate),
                  institutionDecreeNumber: c.institutionDecreeNumber,
                  institutionDecreeDate: iso(c.institutionDecreeDate),
                }
              : {}
          }
          labels={{
            intro: t('record.intro'),
            signedOn: t('record.signedOn'),
            segpresDecreeNumber: t('record.segpresDecreeNumber'),
            segpresDecreeDate: t('record.segpresDecreeDate'),
            institutionDecreeNumber: t('record.institutionDecreeNumber'),
            institutionDecreeDate: t('record.institutionDecreeDate'),
            decreeHint: t('record.decreeHint'),
            submit: t('record.submit'),
            submitting: t('record.submitting'),
          }}
        />
      </section>
      <section aria-labelledby="upload-title" className="rounded-md border border-line bg-white p-5">
        <h2 id="upload-title" className="mb-2 text-lg font-semibold">
          {t('upload.title')}
        </h2>
        {c ? (
          <DocumentUploadForm
            institutionId={id}
            initial={uploadState}
            labels={{
              intro: t('upload.intro', { maxMb: MAX_DOCUMENT_MB }),
              file: t('upload.file'),
              failed: t('upload.failed', { maxMb: MAX_DOCUMENT_MB }),
              submit: t('upload.submit'),
              submitting: t('upload.submitting'),
            }}
          />
        ) : (
          <p className="text-sm text-muted">{t('upload.needsCooperation')}</p>
        )}
      </section>
      {c && (
        <section aria-labelledby="terminate-title" className="rounded-md border border-line bg-white p-5">
          <h2 id="terminate-title" className="mb-2 text-lg font-semibold">
            {t('terminate.title')}
          </h2>
          <TerminationForm
            institutionId={id}
            today={iso(todayInChile())}
            current={
              c.terminationGivenBy && c.terminationNoticeOn && c.terminatesOn
                ? {
                    party: c.terminationGivenBy,
                    noticeOn: iso(c.terminationNoticeOn),
                    terminatesOn: iso(c.terminatesOn),
                  }
                : undefined
            }
            labels={{
              intro: t('terminate.intro'),
              party: t('terminate.party'),
              parties: terminationParties.map((p) => ({ value: p, label: t(`terminate.parties.${p}`) })),
              noticeOn: t('terminate.noticeOn'),
              terminatesOn: t('terminate.terminatesOn'),
              submit: t('terminate.submit'),
              submitting: t('terminate.submitting'),
            }}
          />
        </section>
      )}
    </div>
  )
}
