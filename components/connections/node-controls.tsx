'use client'

import { useActionState, useState } from 'react'
import { Button } from '@/components/ui/button'
import { FormMessage } from '@/components/ui/form-message'
import { initialFormState, type FormState } from '@/lib/forms/form-state'

type RevokeAction = (prev: FormState, formData: FormData) => Promise<FormState>

/** "Revocar el acceso de desarrollo/producción": cannot be undone, so it asks once more, naming the node. */
export function RevokeGrantButton({
  action,
  labels,
}: {
  action: RevokeAction
  /** Translated on the server, naming the node and its environment. */
  labels: Record<'revokeLabel' | 'revokeConfirm' | 'revokeSubmit' | 'revokeCancel', string>
}) {
  const [state, formAction, pending] = useActionState(action, initialFormState)
  const [confirming, setConfirming] = useState(false)
  if (!confirming) {
    return (
      <div className="space-y-2">
        <Button variant="danger" onClick={() => setConfirming(true)}>
          {labels.revokeLabel}
        </Button>
        <FormMessage state={state} />
      </div>
    )
  }
  return (
    <form action={formAction} className="basis-full space-y-2 rounded-md border border-danger-700/30 bg-danger-50 p-3">
      <p className="text-sm text-danger-700">{labels.revokeConfirm}</p>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" variant="danger" disabled={pending}>
          {labels.revokeSubmit}
        </Button>
        <Button variant="secondary" onClick={() => setConfirming(false)}>
          {labels.revokeCancel}
        </Button>
      </div>
      <FormMessage state={state} />
    </form>
  )
}
