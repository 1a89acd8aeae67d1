'use client'

import { HomeLink, StatusPage } from '@/components/ui/status-page'
// Straight from the catalog: the frame has no client-side i18n provider (decision 013).
import errors from '@/lib/i18n/messages/es-CL/errors.json'

/** Unexpected failures land here; the message shown never includes the raw exception. */
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <StatusPage
      title={errors.errorTitle}
      body={errors.errorBody}
      action={
        <>
          <button
            type="button"
            onClick={reset}
            className="rounded-md border border-line bg-white px-4 py-2 font-medium text-brand-700"
          >
            {errors.retry}
          </button>
          <HomeLink label={errors.goHome} />
        </>
      }
    />
  )
}
