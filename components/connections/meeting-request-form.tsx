'use client'

import { useActionState, useState } from 'react'
import { Button } from '@/components/ui/button'
import { SelectField, TextAreaField, TextField } from '@/components/ui/field'
import { FormMessage } from '@/components/ui/form-message'
import { requestMeetingAction } from '@/lib/connections/actions'
import type { MeetingRequestOptions } from '@/lib/connections/queries'
import type { FormState } from '@/lib/forms/form-state'
import { initialFormState } from '@/lib/forms/form-state'

type Role = 'CONSUMER' | 'PROVIDER' | 'BOTH'

/** The form's words, translated on the server (the page ships no client-side i18n). */
export type MeetingRequestLabels = Record<
  | 'requesterRole'
  | 'consumer'
  | 'consumerHint'
  | 'consumerHintProvider'
  | 'chooseConsumer'
  | 'service'
  | 'serviceHint'
  | 'chooseService'
  | 'needs'
  | 'needsHint'
  | 'preferredDates'
  | 'preferredDatesHint'
  | 'submit'
  | 'submitting',
  string
> & {
  roles: Record<Role, string>
  /** "Fecha 1", "Fecha 2", "Fecha 3". */
  dates: string[]
  /** A service's label when the consumer already has an open case for it, by `${consumerId} ${serviceId}`. */
  withOpenCase: Record<string, string>
}

export function MeetingRequestForm({
  options,
  serviceId,
  labels,
}: {
  options: MeetingRequestOptions
  serviceId?: string
  labels: MeetingRequestLabels
}) {
  const [state, action, pending] = useActionState(requestMeetingAction, initialFormState)
  const values = state.status === 'error' ? (state.values ?? {}) : serviceId ? { serviceId } : {}
  return (
    <form action={action} noValidate className="space-y-4">
      <FormMessage state={state} />
      <div className="grid gap-4 sm:grid-cols-2" key={JSON.stringify(values)}>
        <PartiesFields options={options} state={state} values={values} labels={labels} />
        <div className="sm:col-span-2">
          <TextAreaField
            name="needs"
            label={labels.needs}
            hint={labels.needsHint}
            errors={state.fieldErrors?.needs}
            defaultValue={values.needs}
            rows={4}
            required
          />
        </div>
        <fieldset className="space-y-2 sm:col-span-2" aria-describedby="preferred-hint">
          <legend className="text-sm font-medium">{labels.preferredDates}</legend>
          <p id="preferred-hint" className="text-xs text-muted">
            {labels.preferredDatesHint}
          </p>
          <div className="grid gap-3 sm:grid-cols-3">
            {[1, 2, 3].map((n) => (
              <TextField
                key={n}
                name="preferredDates"
                label={labels.dates[n - 1]!}
                type="date"
                id={`preferredDates-${n}`}
                defaultValue={values.preferredDates?.split(',')[n - 1]}
              />
            ))}
          </div>
          {state.fieldErrors?.preferredDates && (
            <p className="text-sm text-danger-700">{state.fieldErrors.preferredDates.join(' ')}</p>
          )}
        </fieldset>
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? labels.submitting : labels.submit}
      </Button>
    </form>
  )
}

/**
 * Role, consumer and service depend on each other, so they offer only what the server would accept:
 * as consumer, the viewer's own institutions; as provider, any other institution and the viewer's own
 * services. A service with an open case for the chosen consumer is marked with that case's number.
 */
function PartiesFields({
  options,
  state,
  values,
  labels,
}: {
  options: MeetingRequestOptions
  state: FormState
  values: Record<string, string | undefined>
  labels: MeetingRequestLabels
}) {
  const ownIds = new Set(options.ownInstitutions.map((i) => i.id))
  const roles: Role[] = options.otherConsumers.length > 0 ? ['CONSUMER', 'PROVIDER', 'BOTH'] : ['CONSUMER', 'BOTH']
  const [role, setRole] = useState<Role>(roles.find((r) => r === values.requesterRole) ?? 'CONSUMER')
  const consumers = role === 'PROVIDER' ? options.otherConsumers : options.ownInstitutions
  const [consumerId, setConsumerId] = useState(values.consumerId ?? (consumers.length === 1 ? consumers[0]!.id : ''))
  const services = options.services.filter((s) =>
    role === 'PROVIDER' ? ownIds.has(s.providerId) : s.providerId !== consumerId,
  )

  function changeRole(next: Role) {
    setRole(next)
    const offered = next === 'PROVIDER' ? options.otherConsumers : options.ownInstitutions
    if (!offered.some((i) => i.id === consumerId)) setConsumerId(offered.length === 1 ? offered[0]!.id : '')
  }

  return (
    <>
      <SelectField
        name="requesterRole"
        label={labels.requesterRole}
        errors={state.fieldErrors?.requesterRole}
        value={role}
        onChange={(e) => changeRole(e.target.value as Role)}
        options={roles.map((r) => ({ value: r, label: labels.roles[r] }))}
      />
      <SelectField
        name="consumerId"
        label={labels.consumer}
        hint={role === 'PROVIDER' ? labels.consumerHintProvider : labels.consumerHint}
        errors={state.fieldErrors?.consumerId}
        value={consumerId}
        onChange={(e) => setConsumerId(e.target.value)}
        required
        options={[
          ...(consumers.length === 1 ? [] : [{ value: '', label: labels.chooseConsumer }]),
          ...consumers.map((i) => ({ value: i.id, label: i.name })),
        ]}
      />
      <div className="sm:col-span-2">
        <SelectField
          name="serviceId"
          label={labels.service}
          hint={labels.serviceHint}
          errors={state.fieldErrors?.serviceId}
          defaultValue={values.serviceId ?? ''}
          required
          options={[
            { value: '', label: labels.chooseService },
            ...services.map((s) => ({ value: s.id, label: labels.withOpenCase[`${consumerId} ${s.id}`] ?? s.label })),
          ]}
        />
      </div>
    </>
  )
}
