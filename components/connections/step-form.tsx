'use client'

import { useActionState } from 'react'
import { Button } from '@/components/ui/button'
import { SelectField, TextAreaField, TextField } from '@/components/ui/field'
import { FormMessage } from '@/components/ui/form-message'
import { initialFormState, type FormState } from '@/lib/forms/form-state'

export type StepField =
  | {
      name: string
      label: string
      type: 'text' | 'url' | 'date' | 'datetime-local' | 'number'
      hint?: string
      required?: boolean
    }
  | { name: string; label: string; type: 'textarea'; hint?: string; required?: boolean }
  | { name: string; label: string; type: 'file'; hint?: string; accept?: string }
  | { name: string; label: string; type: 'select'; options: { value: string; label: string }[]; hint?: string }

type StepAction = (prev: FormState, formData: FormData) => Promise<FormState>

/**
 * One step of a case as a form: its fields, its button, and the outcome announced under it. On a
 * refusal the values typed come back, so nothing is lost.
 */
export function StepForm({
  action,
  fields,
  submitLabel,
  variant = 'primary',
  intro,
}: {
  action: StepAction
  fields: StepField[]
  submitLabel: string
  variant?: 'primary' | 'danger'
  intro?: string
}) {
  const [state, formAction, pending] = useActionState(action, initialFormState)
  const values = state.status === 'error' ? (state.values ?? {}) : {}
  return (
    <form action={formAction} noValidate className="space-y-3">
      {intro && <p className="text-sm text-muted">{intro}</p>}
      <div className="grid gap-3 sm:grid-cols-2" key={JSON.stringify(values)}>
        {fields.map((field) => {
          const common = {
            name: field.name,
            label: field.label,
            hint: field.hint,
            errors: state.fieldErrors?.[field.name],
          }
          if (field.type === 'select') {
            return (
              <SelectField key={field.name} {...common} options={field.options} defaultValue={values[field.name]} />
            )
          }
          if (field.type === 'textarea') {
            return (
              <div key={field.name} className="sm:col-span-2">
                <TextAreaField {...common} defaultValue={values[field.name]} required={field.required} rows={3} />
              </div>
            )
          }
          if (field.type === 'file') {
            return <TextField key={field.name} {...common} type="file" accept={field.accept ?? 'application/pdf'} />
          }
          return (
            <TextField
              key={field.name}
              {...common}
              type={field.type}
              defaultValue={values[field.name]}
              required={field.required}
            />
          )
        })}
      </div>
      <FormMessage state={state} />
      <Button type="submit" variant={variant} disabled={pending}>
        {submitLabel}
      </Button>
    </form>
  )
}
