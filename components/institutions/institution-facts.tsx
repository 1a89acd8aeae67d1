import { getTranslations } from 'next-intl/server'
import type { InstitutionDetail } from '@/lib/institutions/queries'

export async function InstitutionFacts({ institution }: { institution: InstitutionDetail }) {
  const t = await getTranslations('institutions')
  const tCommon = await getTranslations('common')
  const facts: [string, string][] = [
    [t('detail.rut'), institution.rut],
    [t('detail.kind'), t(`kind.${institution.kind}`)],
    [t('detail.group'), t(`group.${institution.group}`)],
    [t('detail.region'), institution.region ?? tCommon('none')],
    [t('detail.pisee1'), institution.pisee1 ? tCommon('yes') : tCommon('no')],
    [t('detail.stage'), t(`stage.${institution.pisee2Stage}`)],
  ]
  return (
    <section aria-labelledby="facts-title" className="rounded-md border border-line bg-white p-5">
      <h2 id="facts-title" className="text-lg font-semibold">
        {t('detail.facts')}
      </h2>
      <dl className="mt-4 grid gap-x-6 gap-y-3 sm:grid-cols-2 lg:grid-cols-3">
        {facts.map(([label, value]) => (
          <div key={label}>
            <dt className="text-sm text-muted">{label}</dt>
            <dd className="font-medium">{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  )
}
