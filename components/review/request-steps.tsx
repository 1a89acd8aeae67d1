import { getTranslations } from 'next-intl/server'
import { StepForm } from '@/components/connections/step-form'
import {
  approveAsHeadAction,
  approveAsLeadAction,
  assignReviewerAction,
  resubmitRequestAction,
  returnRequestAction,
  withdrawRequestAction,
  writeNoteAction,
} from '@/lib/review/actions'
import type { RequestDetail } from '@/lib/review/queries'
import type { PublicationAction } from '@/lib/review/workflow'

const documentTypes = '.json,.yaml,.yml,.wsdl,.xml,.xsd,application/json,application/xml,text/xml,text/yaml'

/** The moves this viewer may make now on the request, each as its own form. The server checks again. */
export async function RequestSteps({ detail }: { detail: RequestDetail }) {
  const t = await getTranslations('review.steps')
  const tDetail = await getTranslations('review.detail')
  const id = detail.id

  const render = (action: PublicationAction) => {
    switch (action) {
      case 'assign':
        return (
          <StepForm
            action={assignReviewerAction.bind(null, id)}
            submitLabel={t('assign.submit')}
            fields={[
              {
                name: 'reviewerId',
                label: t('assign.reviewer'),
                type: 'select',
                options: detail.reviewerOptions.map((r) => ({ value: r.id, label: r.name })),
              },
            ]}
          />
        )
      case 'writeNote':
        return (
          <StepForm
            action={writeNoteAction.bind(null, id)}
            submitLabel={t('writeNote.submit')}
            fields={[
              { name: 'devEndpoint', label: t('writeNote.devEndpoint'), type: 'url' },
              { name: 'activities', label: t('writeNote.activities'), type: 'textarea', required: true },
              { name: 'recommendations', label: t('writeNote.recommendations'), type: 'textarea' },
            ]}
          />
        )
      case 'approveAsLead':
        return (
          <StepForm action={approveAsLeadAction.bind(null, id)} submitLabel={t('approveAsLead.submit')} fields={[]} />
        )
      case 'approveAsHead':
        return (
          <StepForm action={approveAsHeadAction.bind(null, id)} submitLabel={t('approveAsHead.submit')} fields={[]} />
        )
      case 'returnRequest':
        return (
          <StepForm
            action={returnRequestAction.bind(null, id)}
            submitLabel={t('returnRequest.submit')}
            variant="danger"
            fields={[{ name: 'reason', label: t('returnRequest.reason'), type: 'textarea', required: true }]}
          />
        )
      case 'resubmit':
        return (
          <StepForm
            action={resubmitRequestAction.bind(null, id)}
            submitLabel={t('resubmit.submit')}
            fields={[
              { name: 'changes', label: t('resubmit.changes'), type: 'textarea', required: true },
              { name: 'requestNote', label: t('resubmit.requestNote'), type: 'textarea', required: true },
              { name: 'document', label: t('resubmit.document'), type: 'file', accept: documentTypes },
            ]}
          />
        )
      case 'withdraw':
        return (
          <StepForm
            action={withdrawRequestAction.bind(null, id)}
            submitLabel={t('withdraw.submit')}
            variant="danger"
            fields={[]}
          />
        )
    }
  }

  return (
    <section aria-labelledby="steps-title" className="space-y-4 rounded-md border-2 border-brand-600 bg-white p-5">
      <h2 id="steps-title" className="text-lg font-semibold">
        {tDetail('actions')}
      </h2>
      {detail.available.length === 0 ? (
        <p className="text-muted">{tDetail('noActions')}</p>
      ) : (
        detail.available.map((action) => (
          <div key={action} className="space-y-2 border-t border-line pt-4 first:border-0 first:pt-0">
            <h3 className="font-semibold text-brand-800">{t(`${action}.title`)}</h3>
            {render(action)}
          </div>
        ))
      )}
    </section>
  )
}
