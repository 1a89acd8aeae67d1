'use client'

import { useActionState } from 'react'
import { Button } from '@/components/ui/button'
import { TextField } from '@/components/ui/field'
import { FormMessage } from '@/components/ui/form-message'
import { initialFormState, type FormState } from '@/lib/forms/form-state'

type SignAction = (prev: FormState, formData: FormData) => Promise<FormState>

/**
 * A party signs the agreement: an explicit choice between the portal's PDF (downloadable, with its
 * SHA-256) and an upload of the agreement signed on its side. The SHA-256 shown travels with the form
 * so the server can check it is still the document's.
 */
export function SignAgreementForm({
  action,
  caseId,
  pdfSha256,
  submitLabel,
  labels,
}: {
  action: SignAction
  caseId: string
  pdfSha256: string
  submitLabel: string
  /** Translated on the server; `uploadedHint` already names the size limit. */
  labels: Record<
    'intro' | 'choice' | 'generated' | 'generatedHint' | 'download' | 'uploaded' | 'uploadedHint' | 'file',
    string
  >
}) {
  const [state, formAction, pending] = useActionState(action, initialFormState)
  const values = state.status === 'error' ? (state.values ?? {}) : {}
  const choiceErrors = state.fieldErrors?.document
  return (
    <form action={formAction} noValidate className="space-y-3" key={JSON.stringify(values)}>
      <p className="text-sm text-muted">{labels.intro}</p>
      <input type="hidden" name="shownSha256" value={pdfSha256} />
      <fieldset
        className="space-y-3"
        aria-invalid={choiceErrors?.length ? true : undefined}
        aria-describedby={choiceErrors?.length ? 'document-error' : undefined}
      >
        <legend className="text-sm font-medium text-ink">{labels.choice}</legend>
        <div className="rounded-md border border-line p-3">
          <label className="flex items-start gap-2 text-sm">
            <input
              type="radio"
              name="document"
              value="generated"
              defaultChecked={values.document === 'generated'}
              required
              className="mt-1"
            />
            <span>
              <span className="font-medium">{labels.generated}</span>
              <span className="block text-xs text-muted">
                {labels.generatedHint} <code className="break-all">{pdfSha256}</code>
              </span>
            </span>
          </label>
          <a href={`/connections/${caseId}/agreement`} className="ml-6 mt-1 inline-block text-sm font-medium">
            {labels.download}
          </a>
        </div>
        <div className="space-y-2 rounded-md border border-line p-3">
          <label className="flex items-start gap-2 text-sm">
            <input
              type="radio"
              name="document"
              value="uploaded"
              defaultChecked={values.document === 'uploaded'}
              className="mt-1"
            />
            <span>
              <span className="font-medium">{labels.uploaded}</span>
              <span className="block text-xs text-muted">{labels.uploadedHint}</span>
            </span>
          </label>
          <div className="ml-6">
            <TextField
              name="file"
              type="file"
              accept="application/pdf,.pdf"
              label={labels.file}
              errors={state.fieldErrors?.file}
            />
          </div>
        </div>
        {choiceErrors?.length ? (
          <p id="document-error" className="text-sm text-danger-700">
            {choiceErrors.join(' ')}
          </p>
        ) : null}
      </fieldset>
      <FormMessage state={state} />
      <Button type="submit" disabled={pending}>
        {submitLabel}
      </Button>
    </form>
  )
}
