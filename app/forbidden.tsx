import { getTranslations } from 'next-intl/server'
import { HomeLink, StatusMessage } from '@/components/ui/status-page'

/**
 * The 403 message, inside the portal's frame of the page that refused (pages check their own permission;
 * lib/auth/viewer.ts requirePermission). Only the message, for the same reason as app/not-found.tsx.
 */
export default async function Forbidden() {
  const t = await getTranslations('errors')
  return (
    <StatusMessage
      code="403"
      title={t('forbiddenTitle')}
      body={t('forbiddenBody')}
      action={<HomeLink label={t('goHome')} />}
    />
  )
}
