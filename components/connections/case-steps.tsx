import { getTranslations } from 'next-intl/server'
import {
  assignCaseReviewerAction,
  approveAgreementAction,
  approvePromotionAction,
  provisionDevNodeAction,
  recordConnectivityTestAction,
  recordMeetingHeldAction,
  rejectAgreementAction,
  rejectPromotionAction,
  requestAgreementAction,
  requestPromotionAction,
  reviewPromotionAction,
  scheduleMeetingAction,
} from '@/lib/connections/actions'
import { signAgreementAction } from '@/lib/agreements/actions'
import { MAX_PDF_BYTES } from '@/lib/agreements/document'
import { SignAgreementForm } from '@/components/agreements/sign-agreement-form'
import type { CaseDetail } from '@/lib/connections/queries'
import type { CaseAction } from '@/lib/connections/workflow'
import { PromotionReview } from './promotion-review'
import { StepForm } from './step-form'

/** The moves this viewer may make now, each as its own form. The server checks again on submit. */
export async function CaseSteps({ detail }: { detail: CaseDetail }) {
  const t = await getTranslations('connections.steps')
  const tCase = await getTranslations('connections')
  const tAgreements = await getTranslations('agreements')
  const id = detail.id
  const checklistBlocked = detail.checklist?.some((item) => !item.met) ?? false

  const render = (action: CaseAction) => {
    switch (action) {
      case 'assignReviewer':
        return (
          <StepForm
            action={assignCaseReviewerAction.bind(null, id)}
            submitLabel={t('assignReviewer.submit')}
            fields={[
              {
                name: 'reviewerId',
                label: t('assignReviewer.reviewer'),
                type: 'select',
                options: detail.reviewerOptions.map((r) => ({ value: r.id, label: r.name })),
              },
            ]}
          />
        )
      case 'scheduleMeeting':
        return (
          <StepForm
            action={scheduleMeetingAction.bind(null, id)}
            submitLabel={t('scheduleMeeting.submit')}
            fields={[
              { name: 'meetingAt', label: t('scheduleMeeting.meetingAt'), type: 'datetime-local', required: true },
              { name: 'meetingLink', label: t('scheduleMeeting.meetingLink'), type: 'url', required: true },
            ]}
          />
        )
      case 'recordMeetingHeld':
        return (
          <StepForm
            action={recordMeetingHeldAction.bind(null, id)}
            submitLabel={t('recordMeetingHeld.submit')}
            fields={[
              { name: 'meetingNotes', label: t('recordMeetingHeld.meetingNotes'), type: 'textarea', required: true },
            ]}
          />
        )
      case 'requestAgreement':
        return (
          <StepForm
            action={requestAgreementAction.bind(null, id)}
            submitLabel={t('requestAgreement.submit')}
            fields={[
              {
                name: 'kind',
                label: t('requestAgreement.kind'),
                type: 'select',
                options: (['CONVENIO', 'TERMINOS_Y_CONDICIONES', 'OTRO'] as const).map((k) => ({
                  value: k,
                  label: tCase(`agreementKind.${k}`),
                })),
              },
              { name: 'procedure', label: t('requestAgreement.procedure'), type: 'text', required: true },
              { name: 'legalBasis', label: t('requestAgreement.legalBasis'), type: 'textarea', required: true },
              { name: 'purpose', label: t('requestAgreement.purpose'), type: 'textarea', required: true },
              { name: 'dataRequested', label: t('requestAgreement.dataRequested'), type: 'textarea', required: true },
              { name: 'expectedVolume', label: t('requestAgreement.expectedVolume'), type: 'text', required: true },
            ]}
          />
        )
      case 'approveAgreement':
        return (
          <StepForm
            action={approveAgreementAction.bind(null, id)}
            submitLabel={t('approveAgreement.submit')}
            fields={[
              { name: 'availability', label: t('approveAgreement.availability'), type: 'text', required: true },
              { name: 'responseTime', label: t('approveAgreement.responseTime'), type: 'text', required: true },
              { name: 'supportHours', label: t('approveAgreement.supportHours'), type: 'text', required: true },
              { name: 'endsOn', label: t('approveAgreement.endsOn'), type: 'date' },
              {
                name: 'slaAvailabilityPct',
                label: t('approveAgreement.slaAvailabilityPct'),
                type: 'number',
                hint: t('approveAgreement.slaHint'),
              },
              { name: 'slaP95Ms', label: t('approveAgreement.slaP95Ms'), type: 'number' },
            ]}
          />
        )
      case 'rejectAgreement':
        return (
          <StepForm
            action={rejectAgreementAction.bind(null, id)}
            submitLabel={t('rejectAgreement.submit')}
            variant="danger"
            fields={[{ name: 'reason', label: t('rejectAgreement.reason'), type: 'textarea', required: true }]}
          />
        )
      case 'signAgreementAsConsumer':
      case 'signAgreementAsProvider': {
        const party = action === 'signAgreementAsConsumer' ? 'CONSUMER' : 'PROVIDER'
        // The sign step shows only once the terms are approved, and so their PDF kept.
        return detail.agreement?.pdfSha256 ? (
          <SignAgreementForm
            action={signAgreementAction.bind(null, id, party)}
            caseId={id}
            pdfSha256={detail.agreement.pdfSha256}
            submitLabel={tAgreements('sign.submit', { party: tCase(`detail.party.${party}`) })}
            labels={{
              intro: tAgreements('sign.intro'),
              choice: tAgreements('sign.choice'),
              generated: tAgreements('sign.generated'),
              generatedHint: tAgreements('sign.generatedHint'),
              download: tAgreements('sign.download'),
              uploaded: tAgreements('sign.uploaded'),
              uploadedHint: tAgreements('sign.uploadedHint', { maxMb: MAX_PDF_BYTES / 1024 / 1024 }),
              file: tAgreements('sign.file'),
            }}
          />
        ) : null
      }
      case 'provisionDevNode':
        return (
          <StepForm
            action={provisionDevNodeAction.bind(null, id)}
            intro={t('provisionDevNode.intro')}
            submitLabel={t('provisionDevNode.submit')}
            fields={[]}
          />
        )
      case 'recordConnectivityTest':
        return (
          <StepForm
            action={recordConnectivityTestAction.bind(null, id)}
            submitLabel={t('recordConnectivityTest.submit')}
            fields={[
              { name: 'ranAt', label: t('recordConnectivityTest.ranAt'), type: 'datetime-local', required: true },
              { name: 'target', label: t('recordConnectivityTest.target'), type: 'text', required: true },
              {
                name: 'outcome',
                label: t('recordConnectivityTest.outcome'),
                type: 'select',
                options: (['PASSED', 'FAILED'] as const).map((o) => ({
                  value: o,
                  label: tCase(`detail.outcome.${o}`),
                })),
              },
              { name: 'latencyMs', label: t('recordConnectivityTest.latencyMs'), type: 'number' },
              { name: 'notes', label: t('recordConnectivityTest.notes'), type: 'textarea' },
            ]}
          />
        )
      case 'requestPromotion':
        return checklistBlocked ? (
          <p
            role="alert"
            className="rounded-md border border-warning-700/30 bg-warning-50 p-3 text-sm text-warning-700"
          >
            {t('requestPromotion.blocked')}
          </p>
        ) : (
          <StepForm
            action={requestPromotionAction.bind(null, id)}
            submitLabel={t('requestPromotion.submit')}
            fields={[]}
          />
        )
      case 'reviewPromotion':
        return (
          <>
            <PromotionReview detail={detail} />
            <StepForm
              action={reviewPromotionAction.bind(null, id)}
              submitLabel={t('reviewPromotion.submit')}
              fields={[]}
            />
          </>
        )
      case 'approvePromotion':
        return (
          <>
            <PromotionReview detail={detail} />
            <StepForm
              action={approvePromotionAction.bind(null, id)}
              submitLabel={t('approvePromotion.submit')}
              fields={[]}
            />
          </>
        )
      case 'rejectPromotion':
        return (
          <StepForm
            action={rejectPromotionAction.bind(null, id)}
            submitLabel={t('rejectPromotion.submit')}
            variant="danger"
            fields={[{ name: 'reason', label: t('rejectPromotion.reason'), type: 'textarea', required: true }]}
          />
        )
    }
  }

  const titleOf = (action: CaseAction) =>
    action === 'signAgreementAsConsumer' || action === 'signAgreementAsProvider'
      ? t('signAgreement.title')
      : t(`${action}.title`)

  return (
    <section aria-labelledby="steps-title" className="space-y-4 rounded-md border-2 border-brand-600 bg-white p-5">
      <h2 id="steps-title" className="text-lg font-semibold">
        {tCase('detail.actions')}
      </h2>
      {detail.available.length === 0 ? (
        <p className="text-muted">{tCase('detail.noActions')}</p>
      ) : (
        detail.available.map((action) => (
          <div key={action} className="space-y-2 border-t border-line pt-4 first:border-0 first:pt-0">
            <h3 className="font-semibold text-brand-800">{titleOf(action)}</h3>
            {render(action)}
          </div>
        ))
      )}
    </section>
  )
}
