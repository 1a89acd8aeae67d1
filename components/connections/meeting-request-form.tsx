'use client'

import { useActionState, useState } from 'react'
import { useTranslations } from 'next-intl'
import { Button } from '@/components/ui/button'
import { SelectField, TextAreaField, TextField } from '@/components/ui/field'
import { FormMessage } from '@/components/ui/form-message'
import { requestMeetingAction } from '@/lib/connections/actions'
import type { MeetingRequestOptions } from '@/lib/connections/queries'
import type { FormState } from '@/lib/forms/form-state'
import { initialFormState } from '@/lib/forms/form-state'

type Role = 'CONSUMER' | 'PROVIDER' | 'BOTH'

export function MeetingRequestForm({ options, serviceId }: { options: MeetingRequestOptions; serviceId?: string }) {
  const t = useTranslations('connections.new')
  const [state, action, pending] = useActionState(requestMeetingAction, initialFormState)
  const values = state.status === 'error' ? (state.values ?? {}) : serviceId ? { serviceId } : {}
  return (
    <form action={action} noValidate className="space-y-4">
      <FormMessage state={state} />
      <div className="grid gap-4 sm:grid-cols-2" key={JSON.stringify(values)}>
        <PartiesFields options={options} state={state} values={values} />
        <div className="sm:col-span-2">
          <TextAreaField
            name="needs"
            label={t('needs')}
            hint={t('needsHint')}
            errors={state.fieldErrors?.needs}
            defaultValue={values.needs}
            rows={4}
            required
          />
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
          {state.fieldErrors?.preferredDates && (
            <p className="text-sm text-danger-700">{state.fieldErrors.preferredDates.join(' ')}</p>
          )}
        </fieldset>
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? t('submitting') : t('submit')}
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
}: {
  options: MeetingRequestOptions
  state: FormState
  values: Record<string, string | undefined>
}) {
  const t = useTranslations('connections.new')
  const tRole = useTranslations('connections.requesterRole')
  const ownIds = new Set(options.ownInstitutions.map((i) => i.id))
  const roles: Role[] = options.otherConsumers.length > 0 ? ['CONSUMER', 'PROVIDER', 'BOTH'] : ['CONSUMER', 'BOTH']
  const [role, setRole] = useState<Role>(roles.find((r) => r === values.requesterRole) ?? 'CONSUMER')
  const consumers = role === 'PROVIDER' ? options.otherConsumers : options.ownInstitutions
  const [consumerId, setConsumerId] = useState(values.consumerId ?? (consumers.length === 1 ? consumers[0]!.id : ''))
  const services = options.services.filter((s) =>
    role === 'PROVIDER' ? ownIds.has(s.providerId) : s.providerId !== consumerId,
  )
  const openCase = (serviceId: string) =>
    options.openCases.find((c) => c.consumerId === consumerId && c.serviceId === serviceId)

  function changeRole(next: Role) {
    setRole(next)
    const offered = next === 'PROVIDER' ? options.otherConsumers : options.ownInstitutions
    if (!offered.some((i) => i.id === consumerId)) setConsumerId(offered.length === 1 ? offered[0]!.id : '')
  }

  return (
    <>
      <SelectField
        name="requesterRole"
        label={t('requesterRole')}
        errors={state.fieldErrors?.requesterRole}
        value={role}
        onChange={(e) => changeRole(e.target.value as Role)}
        options={roles.map((r) => ({ value: r, label: tRole(r) }))}
      />
      <SelectField
        name="consumerId"
        label={t('consumer')}
        hint={role === 'PROVIDER' ? t('consumerHintProvider') : t('consumerHint')}
        errors={state.fieldErrors?.consumerId}
        value={consumerId}
        onChange={(e) => setConsumerId(e.target.value)}
        required
        options={[
          ...(consumers.length === 1 ? [] : [{ value: '', label: t('chooseConsumer') }]),
          ...consumers.map((i) => ({ value: i.id, label: i.name })),
        ]}
      />
      <div className="sm:col-span-2">
        <SelectField
          name="serviceId"
          label={t('service')}
          hint={t('serviceHint')}
          errors={state.fieldErrors?.serviceId}
          defaultValue={values.serviceId ?? ''}
          required
          options={[
            { value: '', label: t('chooseService') },
            ...services.map((s) => {
              const open = openCase(s.id)
              return {
                value: s.id,
                label: open ? t('serviceWithOpenCase', { service: s.label, number: open.number }) : s.label,
              }
            }),
          ]}
        />
      </div>
    </>
  )
}
