'use client'

import { useActionState } from 'react'
import { Button } from '@/components/ui/button'
import { SelectField, TextField } from '@/components/ui/field'
import { FormMessage } from '@/components/ui/form-message'
import { initialFormState, type FormState } from '@/lib/forms/form-state'
import { recordTerminationAction } from '@/lib/readiness/actions'
import type { terminationParties } from '@/lib/readiness/parties'
import type { TerminationField } from '@/lib/readiness/schemas'

export type TerminationLabels = Record<
  'intro' | 'party' | 'noticeOn' | 'terminatesOn' | 'submit' | 'submitting',
  string
> & { parties: { value: string; label: string }[] }

type Notice = { party: (typeof terminationParties)[number]; noticeOn: string; terminatesOn: string }

/**
 * A notice of termination from either party; the date must leave at least 30 days. A notice already
 * given fills the form, to be corrected.
 */
export function TerminationForm({
  institutionId,
  today,
  current,
  labels,
}: {
  institutionId: string
  today: string
  current?: Notice
  labels: TerminationLabels
}) {
  const [state, formAction, pending] = useActionState<FormState<TerminationField>, FormData>(
    recordTerminationAction.bind(null, institutionId),
    initialFormState,
  )
  const values = state.status === 'error' ? (state.values ?? {}) : {}

  return (
    <form action={formAction} noValidate className="space-y-4" aria-describedby="termination-intro">
      <p id="termination-intro" className="text-sm text-muted">
        {labels.intro}
      </p>
      <div className="grid gap-4 sm:grid-cols-3" key={JSON.stringify([values, current])}>
        <SelectField
          name="party"
          label={labels.party}
          errors={state.fieldErrors?.party}
          defaultValue={values.party ?? current?.party ?? 'INSTITUTION'}
          options={labels.parties}
        />
        <TextField
          name="noticeOn"
          type="date"
          label={labels.noticeOn}
          errors={state.fieldErrors?.noticeOn}
          defaultValue={values.noticeOn ?? current?.noticeOn ?? today}
          required
        />
        <TextField
          name="terminatesOn"
          type="date"
          label={labels.terminatesOn}
          errors={state.fieldErrors?.terminatesOn}
          defaultValue={values.terminatesOn ?? current?.terminatesOn}
          required
        />
      </div>
      <FormMessage state={state} />
      <Button type="submit" variant="danger" disabled={pending}>
        {pending ? labels.submitting : labels.submit}
      </Button>
    </form>
  )
}
