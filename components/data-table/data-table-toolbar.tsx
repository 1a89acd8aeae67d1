'use client'

import { useId, useRef, type ReactNode } from 'react'
import { useTranslations } from 'next-intl'
import type { RowData, Table } from '@tanstack/react-table'
import { SEARCH_MAX_LENGTH } from '@/lib/data-table/search-params'
import type { DataTableFeatures } from './data-table-features'
import { DataTableFacetedFilter } from './data-table-faceted-filter'
import { CloseIcon, SearchIcon } from './data-table-icons'

type DataTableToolbarProps<TData extends RowData> = {
  table: Table<DataTableFeatures, TData>
  /** The filter keys the table's params declare; only these columns get a filter. */
  filterKeys: readonly string[]
  /** The selected values of each filter, as the URL holds them now. */
  filters: Readonly<Record<string, readonly string[]>>
  /** The search as typed (untrimmed), so the text box never rewrites what the user is typing. */
  search: string
  searchPlaceholder: string
  /** `immediate` skips the debounce (Enter, or clearing the box). */
  onSearchChange: (value: string, options: { immediate: boolean }) => void
  isFiltered: boolean
  onReset: () => void
  actions?: ReactNode
}

export function DataTableToolbar<TData extends RowData>({
  table,
  filterKeys,
  filters,
  search,
  searchPlaceholder,
  onSearchChange,
  isFiltered,
  onReset,
  actions,
}: DataTableToolbarProps<TData>) {
  const t = useTranslations('dataTable')
  const searchId = useId()
  const searchRef = useRef<HTMLInputElement>(null)
  const filterColumns = table.getAllLeafColumns().flatMap((column) => {
    const filter = column.columnDef.meta?.filter
    return filter && filterKeys.includes(column.id) ? [{ column, filter }] : []
  })

  return (
    <div role="group" aria-label={t('toolbar')} className="flex flex-wrap items-center gap-2">
      <div className="relative w-full sm:w-72">
        <label htmlFor={searchId} className="sr-only">
          {t('search.label')}
        </label>
        <SearchIcon className="pointer-events-none absolute left-2.5 top-1/2 size-4 -translate-y-1/2 text-muted" />
        <input
          ref={searchRef}
          id={searchId}
          type="search"
          value={search}
          maxLength={SEARCH_MAX_LENGTH}
          placeholder={searchPlaceholder}
          autoComplete="off"
          spellCheck={false}
          onChange={(event) => onSearchChange(event.target.value, { immediate: event.target.value === '' })}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault()
              onSearchChange(event.currentTarget.value, { immediate: true })
            }
          }}
          className="h-9 w-full rounded-md border border-line bg-white pl-8 pr-3 text-sm text-ink placeholder:text-muted hover:border-muted"
        />
      </div>

      {filterColumns.map(({ column, filter }) => (
        <DataTableFacetedFilter
          key={column.id}
          label={filter.label}
          options={filter.options}
          selected={filters[column.id] ?? []}
          onChange={(values) => column.setFilterValue(values)}
        />
      ))}

      {isFiltered && (
        <button
          type="button"
          onClick={() => {
            onReset()
            // The button goes away with the filters; leave focus somewhere useful rather than on <body>.
            searchRef.current?.focus()
          }}
          className="inline-flex h-9 items-center gap-1.5 rounded-md px-3 text-sm font-medium text-brand-700 hover:bg-brand-50 hover:text-brand-800"
        >
          {t('filters.reset')}
          <CloseIcon className="size-3.5" />
        </button>
      )}

      {actions && <div className="flex flex-wrap items-center gap-2 sm:ml-auto">{actions}</div>}
    </div>
  )
}
