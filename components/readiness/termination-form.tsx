'use client'

import { useActionState } from 'react'
import { useTranslations } from 'next-intl'
import { Button } from '@/components/ui/button'
import { SelectField, TextField } from '@/components/ui/field'
import { FormMessage } from '@/components/ui/form-message'
import { initialFormState, type FormState } from '@/lib/forms/form-state'
import { recordTerminationAction } from '@/lib/readiness/actions'
import { terminationParties } from '@/lib/readiness/parties'
import type { TerminationField } from '@/lib/readiness/schemas'

type Notice = { party: (typeof terminationParties)[number]; noticeOn: string; terminatesOn: string }

/**
 * A notice of termination from either party; the date must leave at least 30 days. A notice already
 * given fills the form, to be corrected.
 */
export function TerminationForm({
  institutionId,
  today,
  current,
}: {
  institutionId: string
  today: string
  current?: Notice
}) {
  const t = useTranslations('readiness.manage.terminate')
  const [state, formAction, pending] = useActionState<FormState<TerminationField>, FormData>(
    recordTerminationAction.bind(null, institutionId),
    initialFormState,
  )
  const values = state.status === 'error' ? (state.values ?? {}) : {}

  return (
    <form action={formAction} noValidate className="space-y-4" aria-describedby="termination-intro">
      <p id="termination-intro" className="text-sm text-muted">
        {t('intro')}
      </p>
      <div className="grid gap-4 sm:grid-cols-3" key={JSON.stringify([values, current])}>
        <SelectField
          name="party"
          label={t('party')}
          errors={state.fieldErrors?.party}
          defaultValue={values.party ?? current?.party ?? 'INSTITUTION'}
          options={terminationParties.map((p) => ({ value: p, label: t(`parties.${p}`) }))}
        />
        <TextField
          name="noticeOn"
          type="date"
          label={t('noticeOn')}
          errors={state.fieldErrors?.noticeOn}
          defaultValue={values.noticeOn ?? current?.noticeOn ?? today}
          required
        />
        <TextField
          name="terminatesOn"
          type="date"
          label={t('terminatesOn')}
          errors={state.fieldErrors?.terminatesOn}
          defaultValue={values.terminatesOn ?? current?.terminatesOn}
          required
        />
      </div>
      <FormMessage state={state} />
      <Button type="submit" variant="danger" disabled={pending}>
        {pending ? t('submitting') : t('submit')}
      </Button>
    </form>
  )
}
