'use client'

import { useActionState } from 'react'
import { Button } from '@/components/ui/button'
import { TextField } from '@/components/ui/field'
import { FormMessage } from '@/components/ui/form-message'
import { initialFormState, type FormState } from '@/lib/forms/form-state'
import { recordCooperationAction } from '@/lib/readiness/actions'
import type { CooperationField } from '@/lib/readiness/schemas'

export type CooperationDefaults = Partial<Record<CooperationField, string>>

/** Records the convenio, or corrects it: the current values are the starting point. */
export type CooperationLabels = Record<
  | 'intro'
  | 'signedOn'
  | 'segpresDecreeNumber'
  | 'segpresDecreeDate'
  | 'institutionDecreeNumber'
  | 'institutionDecreeDate'
  | 'decreeHint'
  | 'submit'
  | 'submitting',
  string
>

export function CooperationForm({
  institutionId,
  defaults,
  labels,
}: {
  institutionId: string
  defaults: CooperationDefaults
  labels: CooperationLabels
}) {
  const [state, formAction, pending] = useActionState<FormState<CooperationField>, FormData>(
    recordCooperationAction.bind(null, institutionId),
    initialFormState,
  )
  // On refusal, what was typed comes back; otherwise the recorded values.
  const values = state.status === 'error' ? (state.values ?? {}) : defaults
  const field = (name: CooperationField) => ({
    name,
    errors: state.fieldErrors?.[name],
    defaultValue: values[name],
    required: true,
  })

  return (
    <form action={formAction} noValidate className="space-y-4" aria-describedby="cooperation-intro">
      <p id="cooperation-intro" className="text-sm text-muted">
        {labels.intro}
      </p>
      <div className="grid gap-4 sm:grid-cols-2" key={JSON.stringify(values)}>
        <TextField {...field('signedOn')} type="date" label={labels.signedOn} />
        <div className="hidden sm:block" />
        <TextField
          {...field('segpresDecreeNumber')}
          label={labels.segpresDecreeNumber}
          hint={labels.decreeHint}
          autoComplete="off"
        />
        <TextField {...field('segpresDecreeDate')} type="date" label={labels.segpresDecreeDate} />
        <TextField {...field('institutionDecreeNumber')} label={labels.institutionDecreeNumber} autoComplete="off" />
        <TextField {...field('institutionDecreeDate')} type="date" label={labels.institutionDecreeDate} />
      </div>
      <FormMessage state={state} />
      <Button type="submit" disabled={pending}>
        {pending ? labels.submitting : labels.submit}
      </Button>
    </form>
  )
}
