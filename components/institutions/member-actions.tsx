'use client'

import { useActionState } from 'react'
import { useTranslations } from 'next-intl'
import { Button } from '@/components/ui/button'
import { FormMessage } from '@/components/ui/form-message'
import { initialFormState } from '@/lib/forms/form-state'
import { disablePersonAction, endMembershipAction } from '@/lib/institutions/actions'

/** "Terminar designación" for one membership, with its outcome under it. */
export function EndMembershipButton({ membershipId, label }: { membershipId: string; label: string }) {
  const t = useTranslations('members.end')
  const [state, action, pending] = useActionState(endMembershipAction, initialFormState)
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="membershipId" value={membershipId} />
      <Button type="submit" variant="secondary" disabled={pending} aria-label={label}>
        {t('submit')}
      </Button>
      {state.status === 'error' && <FormMessage state={state} />}
    </form>
  )
}

/** "Deshabilitar cuenta": DGD only; ends every session of that person. */
export function DisablePersonButton({ personId, label }: { personId: string; label: string }) {
  const t = useTranslations('members.disable')
  const [state, action, pending] = useActionState(disablePersonAction, initialFormState)
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="personId" value={personId} />
      <Button type="submit" variant="danger" disabled={pending} aria-label={label}>
        {t('submit')}
      </Button>
      <FormMessage state={state} />
    </form>
  )
}
