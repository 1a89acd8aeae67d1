import { getTranslations } from 'next-intl/server'
import { HomeLink, StatusMessage } from '@/components/ui/status-page'

export async function generateMetadata() {
  const t = await getTranslations('errors')
  return { title: t('notFoundTitle') }
}

/**
 * The 404 message, shown inside the frame of the layout around it: the portal's frame on a signed-in page
 * whose record does not exist, and app/(missing) for an address no route matches.
 *
 * Only the message: Next.js renders this element with every page it serves (it is the fallback of the
 * root layout's boundaries), so a frame here was rendered, and thrown away, on every request.
 */
export default async function NotFound() {
  const t = await getTranslations('errors')
  return (
    <StatusMessage
      code="404"
      title={t('notFoundTitle')}
      body={t('notFoundBody')}
      action={<HomeLink label={t('goHome')} />}
    />
  )
}
