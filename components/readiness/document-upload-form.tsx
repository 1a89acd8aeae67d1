'use client'

import { useRef, useState, type FormEvent } from 'react'
import { useRouter } from 'next/navigation'
import { Button } from '@/components/ui/button'
import { TextField } from '@/components/ui/field'
import { FormMessage } from '@/components/ui/form-message'
import { initialFormState, type FormState } from '@/lib/forms/form-state'

/**
 * Uploads a PDF of the convenio to its route handler (server actions cap bodies at 1 MB). Without
 * JavaScript the form posts natively and the handler sends the browser back to this page.
 */
export function DocumentUploadForm({
  institutionId,
  initial = initialFormState,
  labels,
}: {
  institutionId: string
  initial?: FormState
  /** Translated on the server; `intro` and `failed` already name the size limit. */
  labels: Record<'intro' | 'file' | 'failed' | 'submit' | 'submitting', string>
}) {
  const router = useRouter()
  const formRef = useRef<HTMLFormElement>(null)
  const [state, setState] = useState<FormState>(initial)
  const [pending, setPending] = useState(false)
  const endpoint = `/institutions/${institutionId}/readiness/documents`

  async function upload(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    setPending(true)
    try {
      const response = await fetch(endpoint, {
        method: 'POST',
        body: new FormData(event.currentTarget),
        headers: { Accept: 'application/json' },
      })
      const next = (await response.json().catch(() => null)) as FormState | null
      setState(next ?? { status: 'error', message: labels.failed })
      if (next?.status === 'success') {
        formRef.current?.reset()
        router.refresh()
      }
    } catch {
      setState({ status: 'error', message: labels.failed })
    } finally {
      setPending(false)
    }
  }

  return (
    <form
      ref={formRef}
      action={endpoint}
      method="post"
      encType="multipart/form-data"
      onSubmit={upload}
      noValidate
      className="space-y-4"
    >
      <TextField
        name="file"
        type="file"
        accept="application/pdf,.pdf"
        label={labels.file}
        hint={labels.intro}
        aria-invalid={state.status === 'error' || undefined}
        required
      />
      <FormMessage state={state} />
      <Button type="submit" disabled={pending}>
        {pending ? labels.submitting : labels.submit}
      </Button>
    </form>
  )
}
