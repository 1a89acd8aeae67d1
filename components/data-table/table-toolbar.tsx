'use client'

import { useEffect, useId, useOptimistic, useRef, useState, type ReactNode } from 'react'
import { SEARCH_MAX_LENGTH } from '@/lib/data-table/limits'
import { CloseIcon, SearchIcon } from './data-table-icons'
import { TableFilter, type TableFilterLabels, type TableFilterOption } from './table-filter'
import { useTableUrl } from './table-url'

const SEARCH_DEBOUNCE_MS = 300

export type ToolbarFilter = {
  /** The URL key, one of the table params' filters. */
  key: string
  label: string
  options: readonly TableFilterOption[]
  /** The values the URL holds now. */
  selected: readonly string[]
}

/** The toolbar's words, translated on the server. */
export type ToolbarLabels = TableFilterLabels & { toolbar: string; search: string; reset: string }

/** What the server does to a search before using it: the URL that comes back holds this form. */
function normalise(value: string): string {
  return value.trim().slice(0, SEARCH_MAX_LENGTH).trim()
}

/**
 * The list's search (as you type, debounced), its filters and "Limpiar filtros". The only client code a
 * `ServerDataTable` needs besides the page-size select: it writes the URL, the server renders the rows.
 */
export function TableToolbar({
  q,
  searchPlaceholder,
  filters,
  labels,
  children,
}: {
  /** The search the URL holds now (normalised by the server). */
  q: string
  searchPlaceholder: string
  filters: readonly ToolbarFilter[]
  labels: ToolbarLabels
  /** Links or buttons beside the filters, e.g. "Exportar CSV". */
  children?: ReactNode
}) {
  const url = useTableUrl()
  const searchId = useId()
  const searchRef = useRef<HTMLInputElement>(null)
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined)

  // What the box shows (as typed), the searches this box has sent, and the last `q` the server sent back.
  const [search, setSearch] = useState(q)
  const [sent, setSent] = useState<readonly string[]>([q])
  const [seen, setSeen] = useState(q)
  if (q !== seen) {
    setSeen(q)
    // A `q` this box did not send came from elsewhere (back button, a link): show it.
    if (!sent.includes(q)) {
      setSearch(q)
      setSent([q])
    }
  }

  const selectedByKey = Object.fromEntries(filters.map((filter) => [filter.key, filter.selected]))
  const [shownFilters, setShownFilters] = useOptimistic(selectedByKey)

  useEffect(() => () => clearTimeout(timer.current), [])

  function send(value: string) {
    clearTimeout(timer.current)
    setSent((previous) => [...previous.slice(-19), normalise(value)])
    url.replace({ q: value === '' ? null : value })
  }

  function onSearchChange(value: string, immediate: boolean) {
    setSearch(value)
    clearTimeout(timer.current)
    if (immediate) send(value)
    else timer.current = setTimeout(() => send(value), SEARCH_DEBOUNCE_MS)
  }

  function onFilterChange(key: string, values: string[]) {
    url.replace({ [key]: values.length > 0 ? values.join(',') : null }, () =>
      setShownFilters((current) => ({ ...current, [key]: values })),
    )
  }

  function onReset() {
    clearTimeout(timer.current)
    setSearch('')
    setSent((previous) => [...previous.slice(-19), ''])
    const cleared = Object.fromEntries(filters.map((filter) => [filter.key, [] as string[]]))
    url.replace({ q: null, ...Object.fromEntries(filters.map((filter) => [filter.key, null])) }, () =>
      setShownFilters(cleared),
    )
    // The button goes away with the filters; leave focus somewhere useful rather than on <body>.
    searchRef.current?.focus()
  }

  const isFiltered = normalise(search) !== '' || Object.values(shownFilters).some((values) => values.length > 0)

  return (
    <div role="group" aria-label={labels.toolbar} className="flex flex-wrap items-center gap-2">
      <div className="relative w-full sm:w-72">
        <label htmlFor={searchId} className="sr-only">
          {labels.search}
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
          onChange={(event) => onSearchChange(event.target.value, event.target.value === '')}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault()
              onSearchChange(event.currentTarget.value, true)
            }
          }}
          className="h-9 w-full rounded-md border border-line bg-white pl-8 pr-3 text-sm text-ink placeholder:text-muted hover:border-muted"
        />
      </div>

      {filters.map((filter) => (
        <TableFilter
          key={filter.key}
          label={filter.label}
          options={filter.options}
          selected={shownFilters[filter.key] ?? []}
          onChange={(values) => onFilterChange(filter.key, values)}
          labels={labels}
        />
      ))}

      {isFiltered && (
        <button
          type="button"
          onClick={onReset}
          className="inline-flex h-9 items-center gap-1.5 rounded-md px-3 text-sm font-medium text-brand-700 hover:bg-brand-50 hover:text-brand-800"
        >
          {labels.reset}
          <CloseIcon className="size-3.5" />
        </button>
      )}

      {children && <div className="flex flex-wrap items-center gap-2 sm:ml-auto">{children}</div>}
    </div>
  )
}
