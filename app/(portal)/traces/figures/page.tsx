import { getTranslations } from 'next-intl/server'
import Link from 'next/link'
import { DailyChart } from '@/components/traces/daily-chart'
import { PageHeader } from '@/components/ui/page-header'
import { requirePermission } from '@/lib/auth/viewer'
import { dailyFigures, figureChoices } from '@/lib/traces/figures'
import { institutionNames } from '@/lib/traces/queries'

export async function generateMetadata() {
  return { title: (await getTranslations('traces'))('figures.title') }
}

const integer = new Intl.NumberFormat('es-CL', { maximumFractionDigits: 0 })
const percent = new Intl.NumberFormat('es-CL', { maximumFractionDigits: 2 })
const dmy = (iso: string) => `${iso.slice(8, 10)}-${iso.slice(5, 7)}-${iso.slice(0, 4)}`

/**
 * The registry's daily figures: volume, error rate and latency for the last 30 days, of the network
 * (auditors, DGD) or of the viewer's institution (only the exchanges it is party to). SVG drawn here,
 * no client JavaScript; each chart has its table.
 */
export default async function TraceFiguresPage({ searchParams }: PageProps<'/traces/figures'>) {
  const viewer = await requirePermission('traces.read')
  const inst = (await searchParams).inst
  const [figures, choices] = await Promise.all([
    dailyFigures(viewer, typeof inst === 'string' ? inst : undefined).then((f) => f!),
    figureChoices(viewer),
  ])
  const t = await getTranslations('traces.figures')
  const names = figures.scope.kind === 'institution' ? await institutionNames([figures.scope.institutionId]) : new Map()
  const days = figures.days.map((d) => d.day)
  const words = { dayColumn: t('day'), showTable: t('showTable'), noValue: t('noValue') }
  const total = figures.days.reduce((a, d) => a + d.exchanges, 0)
  return (
    <div className="space-y-6">
      <PageHeader
        title={t('title')}
        description={
          figures.scope.kind === 'institution'
            ? t('descriptionInstitution', {
                institution: names.get(figures.scope.institutionId) ?? '',
                from: dmy(figures.from),
                to: dmy(figures.to),
              })
            : t('description', { from: dmy(figures.from), to: dmy(figures.to) })
        }
        actions={
          <Link className="rounded-md border border-line px-3 py-1.5 text-sm" href="/traces">
            {t('back')}
          </Link>
        }
      />
      {choices.institutions.length > 0 && (
        <form method="get" className="flex flex-wrap items-end gap-2 text-sm">
          <label>
            {t('whose')}
            <select
              name="inst"
              className="mt-1 block rounded-md border border-line bg-white px-2 py-1.5"
              defaultValue={figures.scope.kind === 'institution' ? figures.scope.institutionId : ''}
            >
              {choices.network && <option value="">{t('network')}</option>}
              {choices.institutions.map((i) => (
                <option key={i.id} value={i.id}>
                  {i.name}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="rounded-md border border-line px-3 py-1.5">
            {t('show')}
          </button>
        </form>
      )}
      <p className="text-sm text-muted">{t('source', { total: integer.format(total) })}</p>
      <div className="grid grid-cols-1 gap-6 xl:grid-cols-2">
        <DailyChart
          id="volume"
          title={t('volume.title')}
          description={t('volume.description')}
          days={days}
          series={[
            {
              label: t('volume.series'),
              values: figures.days.map((d) => d.exchanges),
              colorClass: 'text-brand-600',
              kind: 'bar',
            },
          ]}
          format={(v) => integer.format(v)}
          words={words}
        />
        <DailyChart
          id="errors"
          title={t('errors.title')}
          description={t('errors.description')}
          days={days}
          series={[
            {
              label: t('errors.series'),
              values: figures.days.map((d) => d.errorRatePct),
              colorClass: 'text-danger-700',
              kind: 'line',
            },
          ]}
          format={(v) => `${percent.format(v)} %`}
          words={words}
        />
        <DailyChart
          id="latency"
          title={t('latency.title')}
          description={t('latency.description')}
          days={days}
          series={[
            {
              label: t('latency.p50'),
              values: figures.days.map((d) => d.p50Ms),
              colorClass: 'text-brand-600',
              kind: 'line',
            },
            {
              label: t('latency.p95'),
              values: figures.days.map((d) => d.p95Ms),
              colorClass: 'text-warning-700',
              kind: 'line',
              dashed: true,
            },
          ]}
          format={(v) => `${integer.format(v)} ms`}
          words={words}
        />
      </div>
    </div>
  )
}
