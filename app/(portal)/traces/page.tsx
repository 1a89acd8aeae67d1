import { getTranslations } from 'next-intl/server'
import Link from 'next/link'
import { PageHeader } from '@/components/ui/page-header'
import { TraceFilters } from '@/components/traces/trace-filters'
import { TraceTable } from '@/components/traces/trace-table'
import { requirePermission } from '@/lib/auth/viewer'
import { institutionNames, searchTraces } from '@/lib/traces/queries'
import { parseTraceSearch, traceSearchParams } from '@/lib/traces/search-params'

export async function generateMetadata() {
  return { title: (await getTranslations('traces'))('title') }
}

export default async function TracesPage({ searchParams }: PageProps<'/traces'>) {
  const viewer = await requirePermission('traces.read')
  const search = parseTraceSearch(await searchParams)
  const page = (await searchTraces(viewer, search))!
  const t = await getTranslations('traces')
  const names = await institutionNames([
    ...page.rows.flatMap((r) => [r.consumerId, r.providerId, r.reporterInstitutionId]),
    ...(page.scope.kind === 'institution' ? [page.scope.institutionId] : []),
  ])
  const filters = traceSearchParams(search)
  if (page.scope.kind === 'institution') filters.set('inst', page.scope.institutionId)
  const nextParams = traceSearchParams(search, page.next)
  if (page.scope.kind === 'institution') nextParams.set('inst', page.scope.institutionId)
  return (
    <div className="space-y-6">
      <PageHeader
        title={t('title')}
        description={
          page.scope.kind === 'institution'
            ? t('descriptionInstitution', { institution: names.get(page.scope.institutionId) ?? '' })
            : t('description')
        }
        actions={
          <div className="flex gap-2">
            <Link
              className="rounded-md border border-line px-3 py-1.5 text-sm"
              href={
                page.scope.kind === 'institution'
                  ? `/traces/figures?inst=${page.scope.institutionId}`
                  : '/traces/figures'
              }
            >
              {t('figuresLink')}
            </Link>
            <a
              className="rounded-md border border-line px-3 py-1.5 text-sm"
              href={`/traces/export?${filters}`}
              download
            >
              {t('export')}
            </a>
          </div>
        }
      />
      <TraceFilters search={search} showInstitution={viewer.memberships.length > 1} />
      <TraceTable rows={page.rows} names={names} />
      <nav className="flex gap-4" aria-label={t('title')}>
        {search.after && <Link href={`/traces?${filters}`}>{t('first')}</Link>}
        {page.next && (
          <Link href={`/traces?${nextParams}`} className="font-semibold underline">
            {t('next')}
          </Link>
        )}
      </nav>
    </div>
  )
}
