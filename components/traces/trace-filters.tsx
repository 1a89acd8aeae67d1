import { getTranslations } from 'next-intl/server'
import Link from 'next/link'
import { traceResults } from '@/lib/traces/schemas'
import type { TraceSearch } from '@/lib/traces/search-params'

const input = 'mt-1 block w-full rounded-md border border-line bg-white px-2 py-1.5 text-sm'

/** The search's filters: a plain GET form, so every view is a URL that can be shared. */
export async function TraceFilters({ search, showInstitution }: { search: TraceSearch; showInstitution: boolean }) {
  const t = await getTranslations('traces')
  const text = (name: keyof TraceSearch, label: string, type = 'text') => (
    <label className="text-sm">
      {label}
      <input
        className={input}
        type={type}
        name={name}
        defaultValue={search[name] === undefined ? '' : String(search[name])}
      />
    </label>
  )
  return (
    <form method="get" action="/traces" className="rounded-lg border border-line p-4">
      <fieldset className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <legend className="mb-2 font-semibold">{t('filters.legend')}</legend>
        {text('from', t('filters.from'), 'date')}
        {text('to', t('filters.to'), 'date')}
        {showInstitution && text('inst', t('filters.institution'))}
        {text('counterpart', t('filters.counterpart'))}
        {text('service', t('filters.service'))}
        {text('procedure', t('filters.procedure'))}
        <label className="text-sm">
          {t('filters.result')}
          <select className={input} name="result" defaultValue={search.result ?? ''}>
            <option value="">{t('filters.anyResult')}</option>
            {traceResults.map((r) => (
              <option key={r} value={r}>
                {t(`result.${r}`)}
              </option>
            ))}
          </select>
        </label>
        {text('traceId', t('filters.traceId'))}
        {text('caseFileId', t('filters.caseFileId'))}
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="grant" value="none" defaultChecked={search.grant === 'none'} />
          {t('filters.grant')}
        </label>
      </fieldset>
      <div className="mt-3 flex gap-3">
        <button
          type="submit"
          className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-700"
        >
          {t('filters.apply')}
        </button>
        <Link href="/traces" className="px-3 py-1.5 text-sm underline">
          {t('filters.clear')}
        </Link>
      </div>
    </form>
  )
}
