import Link from 'next/link'
import { notFound } from 'next/navigation'
import { getTranslations } from 'next-intl/server'
import { ClassificationBadge, StatusBadge } from '@/components/catalog/catalog-bits'
import { Empty, Facts, Section, SimpleTable } from '@/components/catalog/section'
import { StepForm } from '@/components/connections/step-form'
import { PageHeader } from '@/components/ui/page-header'
import { requireViewer } from '@/lib/auth/viewer'
import { lineDiff } from '@/lib/catalog/diff'
import { getSchema } from '@/lib/catalog/queries'
import { formatCalendarDate, formatDate } from '@/lib/dates'
import { isRecordId, requireRecordId } from '@/lib/ids'
import { deprecateSchemaVersionAction } from '@/lib/review/actions'
import { upkeepOf } from '@/lib/review/queries'

export async function generateMetadata({ params }: PageProps<'/catalog/schemas/[id]'>) {
  const viewer = await requireViewer()
  const schema = await getSchema(viewer, requireRecordId((await params).id))
  return { title: schema?.name }
}

export default async function CatalogSchemaPage({ params, searchParams }: PageProps<'/catalog/schemas/[id]'>) {
  const viewer = await requireViewer()
  const schema = await getSchema(viewer, requireRecordId((await params).id))
  if (!schema) notFound()
  const t = await getTranslations('catalog')
  const tr = await getTranslations('review.deprecate')
  const upkeep = await upkeepOf(viewer, { schemaId: schema.id, institutionId: schema.ownerId })
  const { from, to } = await searchParams
  const versions = schema.versions
  // The diff compares two versions the viewer sees (default: the previous one with the newest).
  const pick = (id: unknown, fallback: number) =>
    versions.find((v) => isRecordId(id) && v.id === id) ?? versions[fallback]
  const newer = pick(to, 0)
  const older = pick(from, 1)
  const diff = newer && older && newer.id !== older.id ? lineDiff(older.content, newer.content) : null
  const current = versions.find((v) => v.status === 'PUBLISHED') ?? versions[0]

  return (
    <div className="space-y-8">
      <PageHeader
        eyebrow={<Link href="/catalog/schemas">{t('schema.backToList')}</Link>}
        title={schema.name}
        description={schema.description}
      />
      {schema.status === 'DEPRECATED' && schema.deprecatedAt && schema.stopsOn && (
        <p className="rounded-md border border-danger-700/20 bg-danger-50 p-4 text-sm text-danger-700">
          {t('service.deprecated', {
            date: formatDate(schema.deprecatedAt),
            stopsOn: formatCalendarDate(schema.stopsOn),
          })}
        </p>
      )}
      <Facts
        items={[
          { label: t('schemas.columns.code'), value: <code>{schema.code}</code> },
          { label: t('schema.owner'), value: schema.owner.name },
          { label: t('schema.kind'), value: t(`schemaKind.${schema.kind}`) },
          { label: t('schema.format'), value: t(`schemaFormat.${schema.format}`) },
          {
            label: t('schema.status'),
            value: <StatusBadge status={schema.status} label={t(`status.${schema.status}`)} />,
          },
        ]}
      />

      <div className="grid gap-8 lg:grid-cols-2">
        <Section id="services" title={t('schema.services')}>
          {schema.services.length > 0 ? (
            <ul className="space-y-2 rounded-md border border-line bg-white p-4">
              {schema.services.map((s) => (
                <li key={s.id}>
                  <Link href={`/catalog/services/${s.id}`}>{s.name}</Link>{' '}
                  <span className="text-xs text-muted">{s.provider.shortName}</span>
                </li>
              ))}
            </ul>
          ) : (
            <Empty>{t('schema.servicesNone')}</Empty>
          )}
        </Section>
        <Section id="data-elements" title={t('schema.dataElements')}>
          {schema.dataElements.length > 0 ? (
            <ul className="space-y-2 rounded-md border border-line bg-white p-4">
              {schema.dataElements.map((d) => (
                <li key={d.id} className="flex flex-wrap items-center gap-2">
                  <Link href={`/catalog/data/${d.id}`}>{d.name}</Link>
                  <ClassificationBadge value={d.classification} label={t(`classification.${d.classification}`)} />
                </li>
              ))}
            </ul>
          ) : (
            <Empty>{t('schema.dataElementsNone')}</Empty>
          )}
        </Section>
      </div>

      <Section id="content" title={current ? t('schema.content', { version: current.version }) : t('schema.versions')}>
        {current ? (
          <pre className="max-h-[32rem] overflow-auto rounded-md border border-line bg-white p-4 text-xs" tabIndex={0}>
            <code>{current.content}</code>
          </pre>
        ) : (
          <Empty>{t('schema.contentNone')}</Empty>
        )}
      </Section>

      <Section id="versions" title={t('schema.versions')}>
        <SimpleTable
          caption={t('schema.versions')}
          head={[t('service.versionCol'), t('service.status'), t('service.changes'), t('service.publishedAt')]}
          rows={versions.map((v) => ({
            key: v.id,
            cells: [
              v.version,
              <StatusBadge key="s" status={v.status} label={t(`status.${v.status}`)} />,
              v.changes,
              v.publishedAt ? formatDate(v.publishedAt) : `${t('service.createdAt')} ${formatDate(v.createdAt)}`,
            ],
          }))}
        />
      </Section>

      {upkeep && (
        <Section id="upkeep" title={t('schemaManage.title')}>
          <div className="space-y-4 rounded-md border border-line bg-white p-4">
            {upkeep.openRequest ? (
              <p className="text-sm">
                <Link href={`/catalog/requests/${upkeep.openRequest.id}`}>
                  {t('manage.openRequest', { number: upkeep.openRequest.number })}
                </Link>
              </p>
            ) : (
              upkeep.mayRequest &&
              (schema.status === 'PUBLISHED' || schema.status === 'DEPRECATED') && (
                <Link
                  href={`/catalog/publish?kind=SCHEMA_VERSION&schemaId=${schema.id}`}
                  className="inline-block rounded-md border border-brand-600 px-4 py-2 text-sm font-medium text-brand-800 no-underline hover:bg-brand-50 hover:no-underline"
                >
                  {t('schemaManage.newVersion')}
                </Link>
              )
            )}
            {upkeep.mayDeprecate &&
              versions
                .filter((v) => v.status === 'PUBLISHED')
                .map((v) => (
                  <div key={v.id} className="space-y-2 border-t border-line pt-4">
                    <h3 className="font-semibold">{t('schemaManage.deprecateTitle', { version: v.version })}</h3>
                    <StepForm
                      action={deprecateSchemaVersionAction.bind(null, v.id)}
                      intro={t('schemaManage.deprecateIntro', { count: upkeep.consumers })}
                      submitLabel={tr('submit')}
                      variant="danger"
                      fields={[
                        { name: 'stopsOn', label: tr('stopsOn'), type: 'date', required: true },
                        { name: 'reason', label: tr('reason'), type: 'textarea', required: true },
                      ]}
                    />
                  </div>
                ))}
          </div>
        </Section>
      )}

      <Section id="diff" title={t('schema.diff')}>
        {versions.length < 2 ? (
          <Empty>{t('schema.diffNeedTwo')}</Empty>
        ) : (
          <>
            <form method="get" className="flex flex-wrap items-end gap-3">
              {(['from', 'to'] as const).map((key) => (
                <label key={key} className="text-sm">
                  <span className="mb-1 block font-medium">
                    {t(key === 'from' ? 'schema.diffFrom' : 'schema.diffTo')}
                  </span>
                  <select
                    name={key}
                    defaultValue={(key === 'from' ? older : newer)?.id}
                    className="h-9 rounded-md border border-line bg-white px-2"
                  >
                    {versions.map((v) => (
                      <option key={v.id} value={v.id}>
                        {v.version}
                      </option>
                    ))}
                  </select>
                </label>
              ))}
              <button
                type="submit"
                className="h-9 rounded-md border border-line bg-white px-3 text-sm font-medium text-brand-700 hover:bg-brand-50"
              >
                {t('schema.diffShow')}
              </button>
            </form>
            {diff === null || diff.every((l) => l.kind === 'same') ? (
              <Empty>{t('schema.diffSame')}</Empty>
            ) : (
              <>
                <p className="text-sm text-muted">{t('schema.diffLegend')}</p>
                <pre
                  className="max-h-[32rem] overflow-auto rounded-md border border-line bg-white py-2 text-xs"
                  tabIndex={0}
                  data-testid="schema-diff"
                >
                  {diff.map((line, i) => (
                    <div
                      key={i}
                      className={`px-4 ${line.kind === 'added' ? 'bg-success-50 text-success-700' : line.kind === 'removed' ? 'bg-danger-50 text-danger-700' : ''}`}
                    >
                      {line.kind === 'added' ? '+ ' : line.kind === 'removed' ? '− ' : '  '}
                      {line.text}
                    </div>
                  ))}
                </pre>
              </>
            )}
          </>
        )}
      </Section>
    </div>
  )
}
