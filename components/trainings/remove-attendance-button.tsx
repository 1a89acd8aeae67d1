'use client'

import { useActionState } from 'react'
import { Button } from '@/components/ui/button'
import { FormMessage } from '@/components/ui/form-message'
import { initialFormState } from '@/lib/forms/form-state'
import { removeAttendanceAction } from '@/lib/trainings/actions'

/** Removes an attendance recorded by mistake. */
export function RemoveAttendanceButton({
  attendanceId,
  label,
  accessibleName,
}: {
  attendanceId: string
  /** "Quitar", and the button's full name ("Quitar a …"), translated on the server. */
  label: string
  accessibleName: string
}) {
  const [state, action, pending] = useActionState(removeAttendanceAction, initialFormState)
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="attendanceId" value={attendanceId} />
      <Button type="submit" variant="secondary" disabled={pending} aria-label={accessibleName}>
        {label}
      </Button>
      {state.status === 'error' && <FormMessage state={state} />}
    </form>
  )
}
