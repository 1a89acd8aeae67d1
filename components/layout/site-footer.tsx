import { getTranslations } from 'next-intl/server'

export async function SiteFooter() {
  const t = await getTranslations('common')
  return (
    <footer className="mt-auto border-t border-line bg-brand-900 text-sm text-white">
      <div className="mx-auto max-w-6xl px-4 py-6">
        <p className="font-semibold">{t('portalName')}</p>
        <p className="mt-1 max-w-3xl text-brand-100">{t('footer')}</p>
      </div>
    </footer>
  )
}
