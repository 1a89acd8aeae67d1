'use client'

import { useActionState, useState } from 'react'
import { useRouter } from 'next/navigation'
import { Button } from '@/components/ui/button'
import { FormMessage } from '@/components/ui/form-message'
import { TextField } from '@/components/ui/field'
import { initialFormState, type FormState } from '@/lib/forms/form-state'
import type { IssueCredentialState } from '@/lib/nodes/actions'
import type { IssueLabels, RevokeCredentialLabels, RevokeNodeLabels } from './node-control-labels'

type Action<S> = (prev: S, formData: FormData) => Promise<S>

/**
 * "Emitir credencial" / "Rotar credencial": a POST the person confirms, naming the node; a rotation
 * asks for the grace period (0–24 h) of the current credential. The token comes back once, here.
 */
export function IssueCredential({
  action,
  node,
  rotating,
  labels,
}: {
  action: Action<IssueCredentialState>
  node: string
  rotating: boolean
  labels: IssueLabels
}) {
  const router = useRouter()
  const [state, formAction, pending] = useActionState(action, initialFormState as IssueCredentialState)
  const [open, setOpen] = useState(false)
  const [hours, setHours] = useState(rotating ? '1' : '0')
  // The token stays in the action's state; once the person says they copied it, it is not shown again.
  const [dismissed, setDismissed] = useState<string | null>(null)
  if (state.token && state.token !== dismissed) {
    return (
      <div role="status" className="basis-full space-y-2 rounded-md border border-success-700/30 bg-success-50 p-4">
        <p className="font-semibold text-success-700">{labels.tokenTitle}</p>
        <p className="text-sm">{labels.tokenOnce}</p>
        <label className="block text-sm font-medium" htmlFor={`token-${node}`}>
          {labels.tokenLabel}
        </label>
        <input
          id={`token-${node}`}
          readOnly
          value={state.token}
          data-testid="node-token"
          className="w-full rounded-md border border-line bg-white px-3 py-2 font-mono text-sm"
          onFocus={(e) => e.currentTarget.select()}
        />
        <Button
          variant="secondary"
          onClick={() => {
            setDismissed(state.token ?? null)
            setOpen(false)
            router.refresh()
          }}
        >
          {labels.done}
        </Button>
      </div>
    )
  }
  if (!open) {
    return (
      <Button variant={rotating ? 'secondary' : 'primary'} onClick={() => setOpen(true)}>
        {rotating ? labels.rotate : labels.submit}
      </Button>
    )
  }
  const graceHours = Number.parseInt(hours, 10)
  return (
    <form
      action={formAction}
      className="basis-full space-y-3 rounded-md border border-warning-700/30 bg-warning-50 p-3"
    >
      {rotating ? (
        <TextField
          name="graceHours"
          label={labels.graceHours}
          hint={labels.graceHint}
          type="number"
          min={0}
          max={24}
          required
          value={hours}
          onChange={(e) => setHours(e.currentTarget.value)}
          errors={state.fieldErrors?.graceHours}
        />
      ) : (
        <input type="hidden" name="graceHours" value="0" />
      )}
      <p className="text-sm">
        {rotating
          ? labels.confirmRotate[Number.isFinite(graceHours) ? Math.min(24, Math.max(0, graceHours)) : 0]
          : labels.confirm}
      </p>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={pending}>
          {labels.confirmSubmit}
        </Button>
        <Button variant="secondary" onClick={() => setOpen(false)}>
          {labels.cancel}
        </Button>
      </div>
      <FormMessage state={state} />
    </form>
  )
}

/** DGD: "Revocar credencial", confirmed by name. */
export function RevokeCredential({ action, labels }: { action: Action<FormState>; labels: RevokeCredentialLabels }) {
  const [state, formAction, pending] = useActionState(action, initialFormState)
  const [open, setOpen] = useState(false)
  if (state.status === 'success') return <FormMessage state={state} />
  if (!open) {
    return (
      <div className="space-y-1">
        <Button variant="danger" onClick={() => setOpen(true)} aria-label={labels.label}>
          {labels.submit}
        </Button>
        <FormMessage state={state} />
      </div>
    )
  }
  return (
    <form action={formAction} className="basis-full space-y-2 rounded-md border border-danger-700/30 bg-danger-50 p-3">
      <p className="text-sm text-danger-700">{labels.confirm}</p>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" variant="danger" disabled={pending}>
          {labels.confirmSubmit}
        </Button>
        <Button variant="secondary" onClick={() => setOpen(false)}>
          {labels.cancel}
        </Button>
      </div>
      <FormMessage state={state} />
    </form>
  )
}

/** DGD: "Revocar nodo", with a reason, confirmed by name. */
export function RevokeNode({
  action,
  node,
  labels,
}: {
  action: Action<FormState<'reason'>>
  node: string
  labels: RevokeNodeLabels
}) {
  const [state, formAction, pending] = useActionState(action, initialFormState as FormState<'reason'>)
  const [open, setOpen] = useState(false)
  if (state.status === 'success') return <FormMessage state={state} />
  if (!open) {
    return (
      <Button variant="danger" onClick={() => setOpen(true)} aria-label={labels.label}>
        {labels.submit}
      </Button>
    )
  }
  return (
    <form action={formAction} className="basis-full space-y-2 rounded-md border border-danger-700/30 bg-danger-50 p-3">
      <TextField
        name="reason"
        id={`reason-${node}`}
        label={labels.reason}
        required
        defaultValue={state.values?.reason}
        errors={state.fieldErrors?.reason}
      />
      <p className="text-sm text-danger-700">{labels.confirm}</p>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" variant="danger" disabled={pending}>
          {labels.confirmSubmit}
        </Button>
        <Button variant="secondary" onClick={() => setOpen(false)}>
          {labels.cancel}
        </Button>
      </div>
      <FormMessage state={state} />
    </form>
  )
}
