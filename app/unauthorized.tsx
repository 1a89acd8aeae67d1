import { getTranslations } from 'next-intl/server'
import { StatusLink, StatusMessage } from '@/components/ui/status-page'

/**
 * The 401 message, in Spanish (Next.js's built-in one is English). No page calls `unauthorized()` today
 * (signed-out people are sent to /login), but Next.js renders this element with every page, so it is the
 * message only, as app/not-found.tsx.
 */
export default async function Unauthorized() {
  const t = await getTranslations('errors')
  return (
    <StatusMessage
      code="401"
      title={t('unauthorizedTitle')}
      body={t('unauthorizedBody')}
      action={<StatusLink href="/login" label={t('signIn')} />}
    />
  )
}
