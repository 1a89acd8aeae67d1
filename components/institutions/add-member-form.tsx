'use client'

import { useActionState, useEffect, useRef } from 'react'
import { Button } from '@/components/ui/button'
import { TextField, SelectField } from '@/components/ui/field'
import { FormMessage } from '@/components/ui/form-message'
import { initialFormState, type FormState } from '@/lib/forms/form-state'
import { addMemberAction } from '@/lib/institutions/actions'
import type { AddMemberField } from '@/lib/institutions/schemas'

export type AddMemberLabels = Record<
  'intro' | 'run' | 'runHint' | 'name' | 'email' | 'emailHint' | 'role' | 'submit' | 'submitting',
  string
> & { roles: { value: string; label: string }[] }

/** Designates a person by RUN; its words come translated from the server. */
export function AddMemberForm({ institutionId, labels }: { institutionId: string; labels: AddMemberLabels }) {
  const [state, formAction, pending] = useActionState<FormState<AddMemberField>, FormData>(
    addMemberAction.bind(null, institutionId),
    initialFormState,
  )
  const formRef = useRef<HTMLFormElement>(null)
  useEffect(() => {
    if (state.status === 'success') formRef.current?.reset()
  }, [state])
  // What the user typed comes back on refusal, so nothing is lost; a success starts a fresh form.
  const values = state.status === 'error' ? (state.values ?? {}) : {}
  const key = JSON.stringify(values)

  return (
    <form ref={formRef} action={formAction} noValidate className="space-y-4" aria-describedby="add-member-intro">
      <p id="add-member-intro" className="text-sm text-muted">
        {labels.intro}
      </p>
      <FormMessage state={state} />
      <div className="grid gap-4 sm:grid-cols-2" key={key}>
        <TextField
          name="run"
          label={labels.run}
          hint={labels.runHint}
          errors={state.fieldErrors?.run}
          defaultValue={values.run}
          autoComplete="off"
          required
        />
        <TextField
          name="name"
          label={labels.name}
          errors={state.fieldErrors?.name}
          defaultValue={values.name}
          required
        />
        <TextField
          name="email"
          type="email"
          label={labels.email}
          hint={labels.emailHint}
          errors={state.fieldErrors?.email}
          defaultValue={values.email}
        />
        <SelectField
          name="role"
          label={labels.role}
          errors={state.fieldErrors?.role}
          defaultValue={values.role ?? 'TECHNICAL_ADMIN'}
          options={labels.roles}
        />
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? labels.submitting : labels.submit}
      </Button>
    </form>
  )
}
