'use client'

import { useTranslations } from 'next-intl'
import { HomeLink, StatusPage } from '@/components/ui/status-page'

/** Unexpected failures land here; the message shown never includes the raw exception. */
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations('errors')
  return (
    <StatusPage
      title={t('errorTitle')}
      body={t('errorBody')}
      action={
        <>
          <button
            type="button"
            onClick={reset}
            className="rounded-md border border-line bg-white px-4 py-2 font-medium text-brand-700"
          >
            {t('retry')}
          </button>
          <HomeLink label={t('goHome')} />
        </>
      }
    />
  )
}
