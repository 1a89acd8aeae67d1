'use client'

import { useActionState, useEffect, useRef } from 'react'
import { Button } from '@/components/ui/button'
import { SelectField, TextField } from '@/components/ui/field'
import { FormMessage } from '@/components/ui/form-message'
import { initialFormState, type FormState } from '@/lib/forms/form-state'
import { addAttendanceAction } from '@/lib/trainings/actions'
import type { AttendanceField } from '@/lib/trainings/schemas'

/** Records an attendee by RUN; the institution is needed only for a member of several. */
export type AddAttendanceLabels = Record<
  'intro' | 'run' | 'runHint' | 'institution' | 'institutionHint' | 'institutionAuto' | 'submit' | 'submitting',
  string
>

export function AddAttendanceForm({
  workshopId,
  institutions,
  labels,
}: {
  workshopId: string
  institutions: { id: string; name: string }[]
  labels: AddAttendanceLabels
}) {
  const [state, formAction, pending] = useActionState<FormState<AttendanceField>, FormData>(
    addAttendanceAction.bind(null, workshopId),
    initialFormState,
  )
  const formRef = useRef<HTMLFormElement>(null)
  useEffect(() => {
    if (state.status === 'success') formRef.current?.reset()
  }, [state])
  const values = state.status === 'error' ? (state.values ?? {}) : {}

  return (
    <form ref={formRef} action={formAction} noValidate className="space-y-4" aria-describedby="attendance-intro">
      <p id="attendance-intro" className="text-sm text-muted">
        {labels.intro}
      </p>
      <div className="grid gap-4 sm:grid-cols-2" key={JSON.stringify(values)}>
        <TextField
          name="run"
          label={labels.run}
          hint={labels.runHint}
          errors={state.fieldErrors?.run}
          defaultValue={values.run}
          autoComplete="off"
          required
        />
        <SelectField
          name="institutionId"
          label={labels.institution}
          hint={labels.institutionHint}
          errors={state.fieldErrors?.institutionId}
          defaultValue={values.institutionId ?? ''}
          options={[
            { value: '', label: labels.institutionAuto },
            ...institutions.map((i) => ({ value: i.id, label: i.name })),
          ]}
        />
      </div>
      <FormMessage state={state} />
      <Button type="submit" disabled={pending}>
        {pending ? labels.submitting : labels.submit}
      </Button>
    </form>
  )
}
