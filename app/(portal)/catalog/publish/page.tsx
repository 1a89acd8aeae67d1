import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import { PublishForm } from '@/components/review/publish-form'
import { PageHeader } from '@/components/ui/page-header'
import { requirePermission } from '@/lib/auth/viewer'
import { isRecordId } from '@/lib/ids'
import { publishOptions } from '@/lib/review/queries'
import { publicationKinds } from '@/lib/review/schemas'

export async function generateMetadata() {
  const t = await getTranslations('review.form')
  return { title: t('title') }
}

/** /catalog/publish?kind=SERVICE_VERSION&serviceId=… — the request form, one kind at a time. */
export default async function PublishPage({ searchParams }: PageProps<'/catalog/publish'>) {
  const viewer = await requirePermission('publications.request')
  const query = await searchParams
  const kind = publicationKinds.find((k) => k === query.kind) ?? 'NEW_SERVICE'
  const options = await publishOptions(viewer)
  const fixed: Record<string, string> = {}
  const serviceId = typeof query.serviceId === 'string' ? query.serviceId : ''
  const schemaId = typeof query.schemaId === 'string' ? query.schemaId : ''
  if (kind === 'SERVICE_VERSION' && isRecordId(serviceId) && options.services.some((s) => s.id === serviceId)) {
    fixed.serviceId = serviceId
  }
  if (kind === 'SCHEMA_VERSION' && isRecordId(schemaId) && options.schemas.some((s) => s.id === schemaId)) {
    fixed.schemaId = schemaId
  }
  const t = await getTranslations('review')
  const bound = fixed.serviceId
    ? options.services.find((s) => s.id === fixed.serviceId)
    : fixed.schemaId
      ? options.schemas.find((s) => s.id === fixed.schemaId)
      : null
  return (
    <div className="space-y-6">
      <PageHeader
        eyebrow={<Link href="/catalog/requests">{t('title')}</Link>}
        title={t('form.title')}
        description={t('form.description')}
      />
      <nav aria-label={t('form.kind')} className="flex flex-wrap gap-2 text-sm">
        {publicationKinds.map((k) => (
          <Link
            key={k}
            href={`/catalog/publish?kind=${k}`}
            aria-current={k === kind ? 'page' : undefined}
            className={`rounded-md border px-3 py-1.5 no-underline ${k === kind ? 'border-brand-600 bg-brand-50 font-semibold' : 'border-line'}`}
          >
            {t(`kind.${k}`)}
          </Link>
        ))}
      </nav>
      <section className="rounded-md border border-line bg-white p-5">
        <h2 className="mb-3 text-lg font-semibold">
          {t(`kind.${kind}`)}
          {bound ? ` · ${bound.name} (${bound.code})` : ''}
        </h2>
        <PublishForm kind={kind} options={options} fixed={fixed} />
      </section>
    </div>
  )
}
