'use client'

import { useActionState } from 'react'
import { useTranslations } from 'next-intl'
import { Button } from '@/components/ui/button'
import { FormMessage } from '@/components/ui/form-message'
import type { FormState } from '@/lib/forms/form-state'

type State = FormState & { credential?: string }

/**
 * The final approval, beside what it decides on (`review`: the request and the checklist); its answer
 * carries the production credential, shown here once.
 */
export function ApprovePromotionForm({
  action,
  submitLabel,
  review,
}: {
  action: (prev: State, formData: FormData) => Promise<State>
  submitLabel: string
  review: React.ReactNode
}) {
  const t = useTranslations('connections.credential')
  const [state, formAction, pending] = useActionState(action, { status: 'idle' } as State)
  return (
    <div className="space-y-3">
      {state.credential ? (
        <div role="status" className="space-y-2 rounded-md border border-success-700/30 bg-success-50 p-4">
          <p className="font-semibold text-success-700">{t('title')}</p>
          <p className="text-sm">{t('once')}</p>
          <label className="block text-sm font-medium" htmlFor="production-credential">
            {t('label')}
          </label>
          <input
            id="production-credential"
            readOnly
            value={state.credential}
            className="w-full rounded-md border border-line bg-white px-3 py-2 font-mono text-sm"
            onFocus={(e) => e.currentTarget.select()}
          />
        </div>
      ) : (
        <form action={formAction} className="space-y-3">
          {review}
          <FormMessage state={state} />
          <Button type="submit" disabled={pending}>
            {submitLabel}
          </Button>
        </form>
      )}
    </div>
  )
}
