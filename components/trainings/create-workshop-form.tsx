'use client'

import { useActionState } from 'react'
import { useTranslations } from 'next-intl'
import { Button } from '@/components/ui/button'
import { SelectField, TextField } from '@/components/ui/field'
import { FormMessage } from '@/components/ui/form-message'
import { initialFormState, type FormState } from '@/lib/forms/form-state'
import { createWorkshopAction } from '@/lib/trainings/actions'
import { trainingKinds } from '@/lib/trainings/kinds'
import type { WorkshopField } from '@/lib/trainings/schemas'

/** A new workshop; on success the action opens its page, where attendance is recorded. */
export function CreateWorkshopForm() {
  const t = useTranslations('trainings')
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
          label={t('create.kind')}
          errors={state.fieldErrors?.kind}
          defaultValue={values.kind ?? 'CONSUMPTION'}
          options={trainingKinds.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
        />
        <TextField
          name="title"
          label={t('create.name')}
          errors={state.fieldErrors?.title}
          defaultValue={values.title}
          required
        />
        <TextField
          name="heldOn"
          type="date"
          label={t('create.heldOn')}
          errors={state.fieldErrors?.heldOn}
          defaultValue={values.heldOn}
          required
        />
      </div>
      <FormMessage state={state} />
      <Button type="submit" disabled={pending}>
        {pending ? t('create.submitting') : t('create.submit')}
      </Button>
    </form>
  )
}
