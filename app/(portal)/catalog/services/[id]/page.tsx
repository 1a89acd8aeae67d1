import Link from 'next/link'
import { notFound } from 'next/navigation'
import { getTranslations } from 'next-intl/server'
import { ClassificationBadge, CompletenessMeter, StatusBadge } from '@/components/catalog/catalog-bits'
import { Empty, Facts, Section, SimpleTable } from '@/components/catalog/section'
import { StepForm } from '@/components/connections/step-form'
import { Badge } from '@/components/ui/badge'
import { PageHeader } from '@/components/ui/page-header'
import { requireViewer } from '@/lib/auth/viewer'
import { accessPathFor } from '@/lib/catalog/access'
import { askCtdForAccessAction } from '@/lib/catalog/actions'
import { COMPLETENESS_CRITERIA, isStale } from '@/lib/catalog/completeness'
import { getService } from '@/lib/catalog/queries'
import { formatCalendarDate, formatDate } from '@/lib/dates'
import { requireRecordId } from '@/lib/ids'
import { deprecateServiceAction } from '@/lib/review/actions'
import { upkeepOf } from '@/lib/review/queries'

export async function generateMetadata({ params }: PageProps<'/catalog/services/[id]'>) {
  const viewer = await requireViewer()
  const service = await getService(viewer, requireRecordId((await params).id))
  return { title: service?.name }
}

export default async function CatalogServicePage({ params }: PageProps<'/catalog/services/[id]'>) {
  const viewer = await requireViewer()
  const service = await getService(viewer, requireRecordId((await params).id))
  if (!service) notFound()
  const t = await getTranslations('catalog')
  const tr = await getTranslations('review.deprecate')
  const [access, upkeep] = await Promise.all([
    accessPathFor(viewer, { status: service.status, providerId: service.provider.id }),
    upkeepOf(viewer, { serviceId: service.id, institutionId: service.provider.id }),
  ])
  const current = service.current
  const stale = isStale(service.lastReviewedAt)

  return (
    <div className="space-y-8">
      <PageHeader
        eyebrow={<Link href="/catalog/services">{t('service.backToList')}</Link>}
        title={service.name}
        description={service.description}
        actions={
          access.kind === 'request' && (
            <Link
              href={`/connections/new?service=${service.id}`}
              className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white no-underline hover:bg-brand-700 hover:no-underline"
            >
              {t('service.requestAccess')}
            </Link>
          )
        }
      />
      {access.kind === 'askCtd' ? (
        <section
          aria-labelledby="access-title"
          className="space-y-3 rounded-md border border-brand-100 bg-brand-50 p-4"
          data-testid="access-note"
        >
          <h2 id="access-title" className="text-base font-semibold">
            {t('access.title')}
          </h2>
          <p className="text-sm">{t('access.askIntro', { institution: access.institutionName })}</p>
          {access.ctds.length > 0 ? (
            <>
              <p className="text-sm">
                <span className="font-medium">{t('access.ctds')}:</span>{' '}
                {access.ctds.map((c, i) => (
                  <span key={`${c.name}${i}`}>
                    {i > 0 && ', '}
                    {c.email ? <a href={`mailto:${c.email}`}>{c.name}</a> : c.name}
                  </span>
                ))}
              </p>
              <StepForm
                action={askCtdForAccessAction.bind(null, service.id)}
                submitLabel={t('access.submit')}
                fields={[{ name: 'note', label: t('access.note'), hint: t('access.noteHint'), type: 'textarea' }]}
              />
            </>
          ) : (
            <p className="text-sm">{t('access.noCtd')}</p>
          )}
        </section>
      ) : (
        access.kind !== 'request' && (
          <p className="rounded-md border border-brand-100 bg-brand-50 p-4 text-sm" data-testid="access-note">
            {t(
              access.kind === 'own'
                ? 'service.requestAccessOwn'
                : access.kind === 'notPublished'
                  ? 'service.requestAccessNotPublished'
                  : 'service.requestAccessNoInstitution',
            )}
          </p>
        )
      )}
      {service.status === 'DEPRECATED' && service.deprecatedAt && service.stopsOn && (
        <p className="rounded-md border border-danger-700/20 bg-danger-50 p-4 text-sm text-danger-700">
          {t('service.deprecated', {
            date: formatDate(service.deprecatedAt),
            stopsOn: formatCalendarDate(service.stopsOn),
          })}
        </p>
      )}

      <Section id="facts" title={t('service.facts')}>
        <Facts
          items={[
            { label: t('service.code'), value: <code>{service.code}</code> },
            { label: t('service.provider'), value: service.provider.name },
            { label: t('service.version'), value: service.version },
            { label: t('service.protocol'), value: t(`protocol.${service.protocol}`) },
            {
              label: t('service.status'),
              value: <StatusBadge status={service.status} label={t(`status.${service.status}`)} />,
            },
            {
              label: t('service.agreement'),
              value: service.requiresAgreement ? t('service.agreementYes') : t('service.agreementNo'),
            },
            {
              label: t('service.lastReviewedAt'),
              value: (
                <span className="flex flex-wrap items-center gap-2">
                  {service.lastReviewedAt ? formatDate(service.lastReviewedAt) : t('never')}
                  {stale && <Badge tone="warning">{t('stale')}</Badge>}
                </span>
              ),
            },
            {
              label: t('service.completenessTitle'),
              value: <CompletenessMeter score={service.completeness.score} />,
            },
          ]}
        />
        <ul className="flex flex-wrap gap-2 text-sm" aria-label={t('service.completenessTitle')}>
          {COMPLETENESS_CRITERIA.map((c) => (
            <li key={c}>
              <Badge tone={service.completeness.met[c] ? 'success' : 'neutral'}>
                {t(`service.criteria.${c}`)}: {service.completeness.met[c] ? t('service.met') : t('service.missing')}
              </Badge>
            </li>
          ))}
        </ul>
      </Section>

      <Section id="spec" title={t('service.spec')}>
        {current?.specSha256 ? (
          <p>
            <a href={`/catalog/services/${service.id}/versions/${current.id}/spec`}>
              {t('service.specDownload', {
                format: current.specFormat === 'WSDL' ? 'WSDL' : 'OpenAPI',
                version: current.version,
              })}
            </a>
          </p>
        ) : (
          <Empty>{t('service.specNone')}</Empty>
        )}
      </Section>

      <Section id="operations" title={t('service.operations')}>
        {current && current.operations.length > 0 ? (
          <SimpleTable
            caption={t('service.operations')}
            head={[t('service.operation'), t('service.summary')]}
            rows={current.operations.map((op, i) => ({
              key: String(i),
              cells: [
                'method' in op ? (
                  <code className="whitespace-nowrap">
                    <span className="font-semibold">{op.method}</span> {op.path}
                  </code>
                ) : (
                  <code>{op.name}</code>
                ),
                op.summary ?? '—',
              ],
            }))}
          />
        ) : (
          <Empty>{t('service.operationsNone')}</Empty>
        )}
      </Section>

      <Section id="environments" title={t('service.environments')}>
        <SimpleTable
          caption={t('service.environments')}
          head={[t('service.environment'), t('service.endpoint'), t('service.environmentStatus')]}
          rows={service.environments.map((e) => ({
            key: e.name,
            cells: [
              t(`environment.${e.name}`),
              e.endpoint ? <code className="break-all">{e.endpoint}</code> : t('service.noEndpoint'),
              <Badge
                key="s"
                tone={e.status === 'AVAILABLE' ? 'success' : e.status === 'MAINTENANCE' ? 'warning' : 'neutral'}
              >
                {t(`environmentStatus.${e.status}`)}
              </Badge>,
            ],
          }))}
        />
      </Section>

      <div className="grid gap-8 lg:grid-cols-2">
        <Section id="data-elements" title={t('service.dataElements')}>
          {service.dataElements.length > 0 ? (
            <ul className="space-y-2 rounded-md border border-line bg-white p-4">
              {service.dataElements.map((d) => (
                <li key={d.id} className="flex flex-wrap items-center gap-2">
                  <Link href={`/catalog/data/${d.id}`}>{d.name}</Link>
                  <ClassificationBadge value={d.classification} label={t(`classification.${d.classification}`)} />
                </li>
              ))}
            </ul>
          ) : (
            <Empty>{t('service.dataElementsNone')}</Empty>
          )}
        </Section>
        <Section id="schemas" title={t('service.schemas')}>
          {service.schemas.length > 0 ? (
            <ul className="space-y-2 rounded-md border border-line bg-white p-4">
              {service.schemas.map((s) => (
                <li key={s.id} className="flex flex-wrap items-center gap-2">
                  <Link href={`/catalog/schemas/${s.id}`}>{s.name}</Link>
                  <span className="text-xs text-muted">
                    {t(`schemaKind.${s.kind}`)} · {t(`schemaFormat.${s.format}`)}
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <Empty>{t('service.schemasNone')}</Empty>
          )}
        </Section>
        <Section id="procedures" title={t('service.procedures')}>
          {service.procedures.length > 0 ? (
            <ul className="flex flex-wrap gap-2">
              {service.procedures.map((p) => (
                <li key={p}>
                  <Link href={`/catalog/services?procedure=${encodeURIComponent(p)}`}>
                    <code>{p}</code>
                  </Link>
                </li>
              ))}
            </ul>
          ) : (
            <Empty>{t('service.proceduresNone')}</Empty>
          )}
        </Section>
        <Section id="levels" title={t('service.levels')}>
          {service.serviceLevels ? (
            <Facts
              items={[
                ...(service.serviceLevels.availability !== undefined
                  ? [
                      {
                        label: t('service.availability'),
                        value: t('service.availabilityValue', { value: service.serviceLevels.availability }),
                      },
                    ]
                  : []),
                ...(service.serviceLevels.p95Ms !== undefined
                  ? [{ label: t('service.p95'), value: t('service.p95Value', { value: service.serviceLevels.p95Ms }) }]
                  : []),
                ...(service.serviceLevels.supportHours
                  ? [{ label: t('service.supportHours'), value: service.serviceLevels.supportHours }]
                  : []),
              ]}
            />
          ) : (
            <Empty>{t('service.levelsNone')}</Empty>
          )}
        </Section>
        <Section id="contacts" title={t('service.contacts')}>
          {service.contacts.length > 0 ? (
            <ul className="space-y-2 rounded-md border border-line bg-white p-4">
              {service.contacts.map((c) => (
                <li key={c.email}>
                  <span className="font-medium">{c.name}</span>
                  {c.role && <span className="text-muted"> · {c.role}</span>}
                  <br />
                  <a href={`mailto:${c.email}`}>{c.email}</a>
                </li>
              ))}
            </ul>
          ) : (
            <Empty>{t('service.contactsNone')}</Empty>
          )}
        </Section>
      </div>

      {upkeep && (
        <Section id="upkeep" title={t('manage.title')}>
          <div className="space-y-4 rounded-md border border-line bg-white p-4">
            {upkeep.openRequest ? (
              <p className="text-sm">
                <Link href={`/catalog/requests/${upkeep.openRequest.id}`}>
                  {t('manage.openRequest', { number: upkeep.openRequest.number })}
                </Link>
              </p>
            ) : (
              upkeep.mayRequest &&
              (service.status === 'PUBLISHED' || service.status === 'DEPRECATED') && (
                <div className="space-y-2">
                  <p className="text-sm text-muted">{t('manage.newVersionIntro')}</p>
                  <Link
                    href={`/catalog/publish?kind=SERVICE_VERSION&serviceId=${service.id}`}
                    className="inline-block rounded-md border border-brand-600 px-4 py-2 text-sm font-medium text-brand-800 no-underline hover:bg-brand-50 hover:no-underline"
                  >
                    {t('manage.newVersion')}
                  </Link>
                </div>
              )
            )}
            {upkeep.mayDeprecate && service.status === 'PUBLISHED' && (
              <div className="space-y-2 border-t border-line pt-4">
                <h3 className="font-semibold">{t('manage.deprecateTitle', { version: service.version })}</h3>
                <StepForm
                  action={deprecateServiceAction.bind(null, service.id)}
                  intro={t('manage.deprecateIntro', { count: upkeep.consumers })}
                  submitLabel={tr('submit')}
                  variant="danger"
                  fields={[
                    { name: 'stopsOn', label: tr('stopsOn'), type: 'date', required: true },
                    { name: 'reason', label: tr('reason'), type: 'textarea', required: true },
                  ]}
                />
              </div>
            )}
          </div>
        </Section>
      )}

      <Section id="versions" title={t('service.versions')}>
        <SimpleTable
          caption={t('service.versions')}
          head={[
            t('service.versionCol'),
            t('service.status'),
            t('service.changes'),
            t('service.publishedAt'),
            t('service.spec'),
          ]}
          rows={service.versions.map((v) => ({
            key: v.id,
            cells: [
              v.version,
              <StatusBadge key="s" status={v.status} label={t(`status.${v.status}`)} />,
              v.changes,
              v.publishedAt ? formatDate(v.publishedAt) : `${t('service.createdAt')} ${formatDate(v.createdAt)}`,
              v.specSha256 ? (
                <a key="d" href={`/catalog/services/${service.id}/versions/${v.id}/spec`}>
                  {v.specFormat === 'WSDL' ? 'WSDL' : 'OpenAPI'}
                </a>
              ) : (
                '—'
              ),
            ],
          }))}
        />
      </Section>

      {service.connected && (
        <Section id="connected" title={t('service.connected')}>
          <p className="text-sm text-muted">{t('service.connectedNote')}</p>
          {service.connected.length > 0 ? (
            <ul className="space-y-2 rounded-md border border-line bg-white p-4" data-testid="connected">
              {service.connected.map((c) => (
                <li key={c.id} className="flex flex-wrap items-center gap-2">
                  <span>{c.consumer.name}</span>
                  <Link href={`/connections/${c.id}`} className="text-sm">
                    {t('service.case', { number: c.number })}
                  </Link>
                </li>
              ))}
            </ul>
          ) : (
            <Empty>{t('service.connectedNone')}</Empty>
          )}
        </Section>
      )}
    </div>
  )
}
