import Link from 'next/link'
import { redirect } from 'next/navigation'
import { getTranslations } from 'next-intl/server'
import { ClaveUnicaButton } from '@/components/auth/claveunica-button'
import { isClaveUnicaConfigured } from '@/lib/auth/auth'
import { isDemoMode } from '@/lib/auth/demo'
import { getViewer } from '@/lib/auth/viewer'
import { env } from '@/lib/env'

const knownErrors = ['run', 'disabled', 'demoRefused'] as const

export default async function LoginPage({ searchParams }: PageProps<'/login'>) {
  if (await getViewer()) redirect('/')
  const t = await getTranslations('login')
  const { error } = await searchParams
  const errorKey = typeof error === 'string' ? (knownErrors.find((k) => k === error) ?? 'generic') : null

  return (
    <div className="mx-auto max-w-xl">
      <h1 className="text-3xl font-bold">{t('title')}</h1>
      <p className="mt-3 text-muted">{t('intro')}</p>

      {errorKey && (
        <p role="alert" className="mt-6 rounded-md border border-danger-700/30 bg-danger-50 p-4 text-danger-700">
          {t(`errors.${errorKey}`)}
        </p>
      )}

      <section className="mt-8 rounded-md border border-line bg-white p-6">
        {isClaveUnicaConfigured ? (
          <>
            <ClaveUnicaButton />
            {env.CLAVEUNICA_ENVIRONMENT !== 'production' && (
              <p className="mt-3 text-sm text-muted" data-testid="claveunica-environment">
                {t(`claveUnicaEnvironment.${env.CLAVEUNICA_ENVIRONMENT}`)}
              </p>
            )}
          </>
        ) : (
          <p className="text-muted">{t('claveUnicaUnavailable')}</p>
        )}
      </section>

      {isDemoMode() && (
        <section
          className="mt-6 rounded-md border border-warning-700/30 bg-warning-50 p-6"
          aria-labelledby="demo-title"
        >
          <h2 id="demo-title" className="text-lg font-semibold text-warning-700">
            {t('demoTitle')}
          </h2>
          <p className="mt-2 text-sm text-ink">{t('demoIntro')}</p>
          <Link href="/login/demo" className="mt-4 inline-block font-semibold">
            {t('demoLink')}
          </Link>
        </section>
      )}
    </div>
  )
}
