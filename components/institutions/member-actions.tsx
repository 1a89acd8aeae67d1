'use client'

import { useActionState, useState } from 'react'
import { Button } from '@/components/ui/button'
import { FormMessage } from '@/components/ui/form-message'
import { initialFormState } from '@/lib/forms/form-state'
import { disablePersonAction, endMembershipAction } from '@/lib/institutions/actions'

/** "Terminar designación" for one membership, with its outcome under it. */
export function EndMembershipButton({
  membershipId,
  label,
  submit,
}: {
  membershipId: string
  /** The button's accessible name ("Terminar designación de …") and its visible text. */
  label: string
  submit: string
}) {
  const [state, action, pending] = useActionState(endMembershipAction, initialFormState)
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="membershipId" value={membershipId} />
      <Button type="submit" variant="secondary" disabled={pending} aria-label={label}>
        {submit}
      </Button>
      {state.status === 'error' && <FormMessage state={state} />}
    </form>
  )
}

/**
 * "Deshabilitar cuenta": DGD only; ends every session of that person. It cannot be undone from the
 * portal, so it asks once more before acting.
 */
export type DisablePersonLabels = Record<'label' | 'submit' | 'confirm' | 'confirmSubmit' | 'cancel', string>

export function DisablePersonButton({ personId, labels }: { personId: string; labels: DisablePersonLabels }) {
  const [state, action, pending] = useActionState(disablePersonAction, initialFormState)
  const [confirming, setConfirming] = useState(false)
  if (!confirming || state.status === 'success') {
    return (
      <div className="space-y-2">
        {state.status !== 'success' && (
          <Button variant="danger" onClick={() => setConfirming(true)} aria-label={labels.label}>
            {labels.submit}
          </Button>
        )}
        <FormMessage state={state} />
      </div>
    )
  }
  return (
    <form action={action} className="space-y-2 rounded-md border border-danger-700/30 bg-danger-50 p-2">
      <p className="text-sm text-danger-700">{labels.confirm}</p>
      <input type="hidden" name="personId" value={personId} />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" variant="danger" disabled={pending}>
          {labels.confirmSubmit}
        </Button>
        <Button variant="secondary" onClick={() => setConfirming(false)}>
          {labels.cancel}
        </Button>
      </div>
      <FormMessage state={state} />
    </form>
  )
}
