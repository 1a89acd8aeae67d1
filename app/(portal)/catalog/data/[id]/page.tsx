import Link from 'next/link'
import { notFound } from 'next/navigation'
import { getTranslations } from 'next-intl/server'
import { ClassificationBadge, StatusBadge } from '@/components/catalog/catalog-bits'
import { Empty, Facts, Section } from '@/components/catalog/section'
import { PageHeader } from '@/components/ui/page-header'
import { requireViewer } from '@/lib/auth/viewer'
import { getDataElement } from '@/lib/catalog/queries'
import { requireRecordId } from '@/lib/ids'

export async function generateMetadata({ params }: PageProps<'/catalog/data/[id]'>) {
  const viewer = await requireViewer()
  const element = await getDataElement(viewer, requireRecordId((await params).id))
  return { title: element?.name }
}

export default async function CatalogDataElementPage({ params }: PageProps<'/catalog/data/[id]'>) {
  const viewer = await requireViewer()
  const element = await getDataElement(viewer, requireRecordId((await params).id))
  if (!element) notFound()
  const t = await getTranslations('catalog')
  return (
    <div className="space-y-8">
      <PageHeader
        eyebrow={<Link href="/catalog/data">{t('dataElement.backToList')}</Link>}
        title={element.name}
        description={element.description}
      />
      <Facts
        items={[
          { label: t('data.columns.code'), value: <code>{element.code}</code> },
          {
            label: t('dataElement.classification'),
            value: (
              <ClassificationBadge
                value={element.classification}
                label={t(`classification.${element.classification}`)}
              />
            ),
          },
          { label: t('dataElement.responsible'), value: element.responsible.name },
        ]}
      />
      <Section id="stewards" title={t('dataElement.stewards')}>
        {element.stewards.length > 0 ? (
          <ul className="space-y-1 rounded-md border border-line bg-white p-4">
            {element.stewards.map((s) => (
              <li key={s.id}>{s.name}</li>
            ))}
          </ul>
        ) : (
          <Empty>{t('dataElement.stewardsNone')}</Empty>
        )}
      </Section>
      <div className="grid gap-8 lg:grid-cols-2">
        <Section id="services" title={t('dataElement.services')}>
          {element.services.length > 0 ? (
            <ul className="space-y-2 rounded-md border border-line bg-white p-4">
              {element.services.map((s) => (
                <li key={s.id} className="flex flex-wrap items-center gap-2">
                  <Link href={`/catalog/services/${s.id}`}>{s.name}</Link>
                  <span className="text-xs text-muted">{s.provider.shortName}</span>
                  {s.status !== 'PUBLISHED' && <StatusBadge status={s.status} label={t(`status.${s.status}`)} />}
                </li>
              ))}
            </ul>
          ) : (
            <Empty>{t('dataElement.servicesNone')}</Empty>
          )}
        </Section>
        <Section id="schemas" title={t('dataElement.schemas')}>
          {element.schemas.length > 0 ? (
            <ul className="space-y-2 rounded-md border border-line bg-white p-4">
              {element.schemas.map((s) => (
                <li key={s.id}>
                  <Link href={`/catalog/schemas/${s.id}`}>{s.name}</Link>
                </li>
              ))}
            </ul>
          ) : (
            <Empty>{t('dataElement.schemasNone')}</Empty>
          )}
        </Section>
      </div>
    </div>
  )
}
