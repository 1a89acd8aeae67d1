import { connection } from 'next/server'
import { getTranslations } from 'next-intl/server'
import { isDemoMode } from '@/lib/auth/demo'

/**
 * On every page while demo mode is on: anyone may sign in as anyone here, so nobody should take it
 * for the real portal. Read per request (demo mode belongs to the running server, not the build).
 */
export async function DemoBanner() {
  await connection()
  if (!isDemoMode()) return null
  const t = await getTranslations('common')
  return (
    <div
      role="note"
      data-testid="demo-banner"
      className="bg-warning-50 px-4 py-2 text-center text-sm font-semibold text-warning-700"
    >
      {t('demoBanner')}
    </div>
  )
}
