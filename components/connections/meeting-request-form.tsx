'use client'

import { useActionState } from 'react'
import { useTranslations } from 'next-intl'
import { Button } from '@/components/ui/button'
import { SelectField, TextAreaField, TextField } from '@/components/ui/field'
import { FormMessage } from '@/components/ui/form-message'
import { requestMeetingAction } from '@/lib/connections/actions'
import { initialFormState } from '@/lib/forms/form-state'

type Option = { value: string; label: string }

export function MeetingRequestForm({ services, consumers }: { services: Option[]; consumers: Option[] }) {
  const t = useTranslations('connections.new')
  const tRole = useTranslations('connections.requesterRole')
  const [state, action, pending] = useActionState(requestMeetingAction, initialFormState)
  const values = state.status === 'error' ? (state.values ?? {}) : {}
  return (
    <form action={action} noValidate className="space-y-4">
      <FormMessage state={state} />
      <div className="grid gap-4 sm:grid-cols-2" key={JSON.stringify(values)}>
        <SelectField
          name="requesterRole"
          label={t('requesterRole')}
          errors={state.fieldErrors?.requesterRole}
          defaultValue={values.requesterRole ?? 'CONSUMER'}
          options={(['CONSUMER', 'PROVIDER', 'BOTH'] as const).map((r) => ({ value: r, label: tRole(r) }))}
        />
        <SelectField name="consumerId" label={t('consumer')} errors={state.fieldErrors?.consumerId} defaultValue={values.consumerId} options={consumers} />
        <div className="sm:col-span-2">
          <SelectField name="serviceId" label={t('service')} errors={state.fieldErrors?.serviceId} defaultValue={values.serviceId} options={services} />
        </div>
        <div className="sm:col-span-2">
          <TextAreaField name="needs" label={t('needs')} hint={t('needsHint')} errors={state.fieldErrors?.needs} defaultValue={values.needs} rows={4} required />
        </div>
        <fieldset className="space-y-2 sm:col-span-2" aria-describedby="preferred-hint">
          <legend className="text-sm font-medium">{t('preferredDates')}</legend>
          <p id="preferred-hint" className="text-xs text-muted">
            {t('preferredDatesHint')}
          </p>
          <div className="grid gap-3 sm:grid-cols-3">
            {[1, 2, 3].map((n) => (
              <TextField
                key={n}
                name="preferredDates"
                label={t('date', { n })}
                type="date"
                id={`preferredDates-${n}`}
                defaultValue={values.preferredDates?.split(',')[n - 1]}
              />
            ))}
          </div>
          {state.fieldErrors?.preferredDates && <p className="text-sm text-danger-700">{state.fieldErrors.preferredDates.join(' ')}</p>}
        </fieldset>
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? t('submitting') : t('submit')}
      </Button>
    </form>
  )
}
