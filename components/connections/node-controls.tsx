'use client'

import { useActionState, useState } from 'react'
import { useTranslations } from 'next-intl'
import { Button } from '@/components/ui/button'
import { FormMessage } from '@/components/ui/form-message'
import { initialFormState, type FormState } from '@/lib/forms/form-state'

/**
 * "Descargar configuración": issuing it ends the node's previous development credential, so the person
 * confirms first, and the download is a form POST (never a link a GET could follow).
 */
export function DownloadNodeConfig({ caseId }: { caseId: string }) {
  const t = useTranslations('connections.detail')
  const [confirming, setConfirming] = useState(false)
  if (!confirming) {
    return (
      <Button variant="secondary" onClick={() => setConfirming(true)}>
        {t('downloadConfig')}
      </Button>
    )
  }
  return (
    <form
      method="post"
      action={`/connections/${caseId}/node-config`}
      // The download leaves the page where it is: close the confirmation once the POST is on its way.
      onSubmit={() => setTimeout(() => setConfirming(false), 0)}
      className="basis-full space-y-2 rounded-md border border-warning-700/30 bg-warning-50 p-3"
    >
      <p className="text-sm">{t('downloadConfigConfirm')}</p>
      <div className="flex flex-wrap gap-2">
        <Button type="submit">{t('downloadConfigSubmit')}</Button>
        <Button variant="secondary" onClick={() => setConfirming(false)}>
          {t('downloadConfigCancel')}
        </Button>
      </div>
    </form>
  )
}

type RevokeAction = (prev: FormState, formData: FormData) => Promise<FormState>

/** "Revocar el nodo de Desarrollo/Producción": cannot be undone, so it asks once more, naming the node. */
export function RevokeNodeButton({ action, environment }: { action: RevokeAction; environment: string }) {
  const t = useTranslations('connections.detail')
  const [state, formAction, pending] = useActionState(action, initialFormState)
  const [confirming, setConfirming] = useState(false)
  if (!confirming) {
    return (
      <div className="space-y-2">
        <Button variant="danger" onClick={() => setConfirming(true)}>
          {t('revokeLabel', { environment })}
        </Button>
        <FormMessage state={state} />
      </div>
    )
  }
  return (
    <form action={formAction} className="basis-full space-y-2 rounded-md border border-danger-700/30 bg-danger-50 p-3">
      <p className="text-sm text-danger-700">{t('revokeConfirm', { environment })}</p>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" variant="danger" disabled={pending}>
          {t('revokeSubmit', { environment })}
        </Button>
        <Button variant="secondary" onClick={() => setConfirming(false)}>
          {t('revokeCancel')}
        </Button>
      </div>
      <FormMessage state={state} />
    </form>
  )
}
