'use client'

import { useActionState } from 'react'
import { Button } from '@/components/ui/button'
import { SelectField, TextField } from '@/components/ui/field'
import { FormMessage } from '@/components/ui/form-message'
import { initialFormState, type FormState } from '@/lib/forms/form-state'
import { createWorkshopAction } from '@/lib/trainings/actions'
import type { WorkshopField } from '@/lib/trainings/schemas'

/** A new workshop; on success the action opens its page, where attendance is recorded. */
export type CreateWorkshopLabels = {
  kind: string
  kinds: { value: string; label: string }[]
  name: string
  heldOn: string
  submit: string
  submitting: string
}

export function CreateWorkshopForm({ labels }: { labels: CreateWorkshopLabels }) {
  const [state, formAction, pending] = useActionState<FormState<WorkshopField>, FormData>(
    createWorkshopAction,
    initialFormState,
  )
  const values = state.status === 'error' ? (state.values ?? {}) : {}
  return (
    <form action={formAction} noValidate className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-[10rem_1fr_11rem]" key={JSON.stringify(values)}>
        <SelectField
          name="kind"
          label={labels.kind}
          errors={state.fieldErrors?.kind}
          defaultValue={values.kind ?? 'CONSUMPTION'}
          options={labels.kinds}
        />
        <TextField
          name="title"
          label={labels.name}
          errors={state.fieldErrors?.title}
          defaultValue={values.title}
          required
        />
        <TextField
          name="heldOn"
          type="date"
          label={labels.heldOn}
          errors={state.fieldErrors?.heldOn}
          defaultValue={values.heldOn}
          required
        />
      </div>
      <FormMessage state={state} />
      <Button type="submit" disabled={pending}>
        {pending ? labels.submitting : labels.submit}
      </Button>
    </form>
  )
}
