'use client'

import { useEffect, useMemo, useTransition, type ReactNode } from 'react'
import { useTranslations } from 'next-intl'
import { debounce, useQueryStates } from 'nuqs'
import {
  FlexRender,
  functionalUpdate,
  useTable,
  type ColumnFiltersState,
  type PaginationState,
  type RowData,
  type SortingState,
  type Updater,
} from '@tanstack/react-table'
import { hasActiveFilters, type TableUrlState } from '@/lib/data-table/search-params'
import { DataTableColumnHeader } from './data-table-column-header'
import { dataTableFeatures, type DataTableColumnDef } from './data-table-features'
import { DataTablePagination } from './data-table-pagination'
import { DataTableToolbar } from './data-table-toolbar'

const SEARCH_DEBOUNCE_MS = 300

export type DataTableProps<TData extends RowData> = {
  /** The current page of rows, already searched, filtered, sorted and paged by the server. */
  data: readonly TData[]
  /** Keep the array stable (module scope, or useMemo when labels come from `useTranslations`). */
  columns: readonly DataTableColumnDef<TData>[]
  /** Rows matching the search and filters, across all pages. */
  rowCount: number
  /** The table's URL state, from `defineTableParams` (the same object the page's `load` comes from). */
  params: TableUrlState
  searchPlaceholder: string
  /** Names the table for screen readers. */
  caption?: string
  /** Shown when the list is empty without any search or filter. */
  emptyMessage?: string
  /** A stable id per row (defaults to the row's index on the page). */
  getRowId?: (row: TData, index: number) => string
  /** Buttons beside the filters, e.g. "Exportar" or "Nuevo servicio". */
  toolbarActions?: ReactNode
}

/**
 * The one list component: TanStack Table in manual mode, its search, filters, sort and page kept in
 * the URL through nuqs. Each change navigates (shallow: false) inside a transition, so the server
 * component re-runs its query with the new params while the current rows stay on screen, dimmed.
 */
export function DataTable<TData extends RowData>({
  data,
  columns,
  rowCount,
  params,
  searchPlaceholder,
  caption,
  emptyMessage,
  getRowId,
  toolbarActions,
}: DataTableProps<TData>) {
  const t = useTranslations('dataTable')
  const [isPending, startTransition] = useTransition()
  const [values, setValues] = useQueryStates(params.parsers, { shallow: false, startTransition })
  const current = useMemo(() => params.fromValues(values), [params, values])

  const tableState = useMemo(
    () => ({
      sorting: [current.sort] satisfies SortingState,
      pagination: { pageIndex: current.page - 1, pageSize: current.pageSize } satisfies PaginationState,
      columnFilters: params.filterKeys.flatMap((id) => {
        const value = current.filters[id] ?? []
        return value.length > 0 ? [{ id, value }] : []
      }) satisfies ColumnFiltersState,
    }),
    [current, params.filterKeys],
  )

  // Every narrowing or reordering starts again from page 1 (`null` writes the default, which leaves the URL).
  function onSortingChange(updater: Updater<SortingState>) {
    const [next] = functionalUpdate(updater, tableState.sorting)
    void setValues({ sort: next && params.sortable.includes(next.id) ? next : null, page: null })
  }

  function onColumnFiltersChange(updater: Updater<ColumnFiltersState>) {
    const next = functionalUpdate(updater, tableState.columnFilters)
    const byKey = params.filterKeys.map((key) => {
      const value = next.find((filter) => filter.id === key)?.value
      return [key, Array.isArray(value) && value.length > 0 ? value : null] as const
    })
    void setValues({ ...Object.fromEntries(byKey), page: null })
  }

  function onPaginationChange(updater: Updater<PaginationState>) {
    const next = functionalUpdate(updater, tableState.pagination)
    void setValues({ page: next.pageIndex + 1, perPage: next.pageSize })
  }

  function onSearchChange(value: string, { immediate }: { immediate: boolean }) {
    void setValues({ q: value, page: null }, immediate ? undefined : { limitUrlUpdates: debounce(SEARCH_DEBOUNCE_MS) })
  }

  function onReset() {
    void setValues({ q: null, page: null, ...Object.fromEntries(params.filterKeys.map((key) => [key, null])) })
  }

  const table = useTable({
    features: dataTableFeatures,
    columns,
    data,
    getRowId,
    rowCount,
    state: tableState,
    onSortingChange,
    onColumnFiltersChange,
    onPaginationChange,
    manualPagination: true,
    manualSorting: true,
    manualFiltering: true,
    enableMultiSort: false,
    enableSortingRemoval: false,
    defaultColumn: { filterFn: 'arrIncludesSome' },
  })

  useWarnAboutUndeclaredFilters(columns, params)

  const isFiltered = hasActiveFilters(current)
  const rows = table.getRowModel().rows
  const columnCount = table.getAllLeafColumns().length
  const sortable = new Set(params.sortable)

  return (
    <div className="space-y-3">
      <DataTableToolbar
        table={table}
        filterKeys={params.filterKeys}
        filters={current.filters}
        search={typeof values.q === 'string' ? values.q : current.q}
        searchPlaceholder={searchPlaceholder}
        onSearchChange={onSearchChange}
        isFiltered={isFiltered}
        onReset={onReset}
        actions={toolbarActions}
      />

      <div className="overflow-hidden rounded-md border border-line bg-white">
        {/* Focusable, so that keyboard users can scroll a table wider than a phone. `relative` keeps the
            absolutely positioned sr-only text of headers and cells inside the scroller, not widening the page. */}
        <div
          role="region"
          aria-label={caption ?? t('regionLabel')}
          tabIndex={0}
          className="relative overflow-x-auto focus-visible:-outline-offset-2"
        >
          <table
            aria-busy={isPending}
            className={`w-full border-collapse text-sm transition-opacity duration-200 ${isPending ? 'opacity-60' : ''}`}
          >
            {caption && <caption className="sr-only">{caption}</caption>}
            <thead>
              {table.getHeaderGroups().map((headerGroup) => (
                <tr key={headerGroup.id}>
                  {headerGroup.headers.map((header) => {
                    const canSort = sortable.has(header.column.id) && header.column.columnDef.enableSorting !== false
                    const sorted =
                      canSort && current.sort.id === header.column.id && (current.sort.desc ? 'desc' : 'asc')
                    return <DataTableColumnHeader key={header.id} header={header} sortable={canSort} sorted={sorted} />
                  })}
                </tr>
              ))}
            </thead>
            <tbody>
              {rows.length > 0 ? (
                rows.map((row) => (
                  <tr key={row.id} className="border-b border-line last:border-b-0 hover:bg-brand-50/50">
                    {row.getAllCells().map((cell) => {
                      const meta = cell.column.columnDef.meta
                      return (
                        <td
                          key={cell.id}
                          className={`px-3 py-2.5 align-middle text-ink ${meta?.align === 'end' ? 'text-right tabular-nums' : ''} ${meta?.className ?? ''}`}
                        >
                          <FlexRender cell={cell} />
                        </td>
                      )
                    })}
                  </tr>
                ))
              ) : (
                <tr>
                  <td colSpan={columnCount} className="px-3 py-12 text-center text-muted">
                    {rowCount > 0 && current.page > 1 ? (
                      // A stale link or a shrunken list left us past the last page.
                      <>
                        {t('empty.pageOutOfRange')}{' '}
                        <button
                          type="button"
                          onClick={() => table.firstPage()}
                          className="font-medium text-brand-700 underline underline-offset-2"
                        >
                          {t('empty.goToFirstPage')}
                        </button>
                      </>
                    ) : isFiltered ? (
                      t('empty.filtered')
                    ) : (
                      (emptyMessage ?? t('empty.default'))
                    )}
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>

        <DataTablePagination
          table={table}
          pagination={tableState.pagination}
          rowCount={rowCount}
          pageSizes={params.pageSizes}
        />
      </div>

      {/* Announces the new count after a search or filter; the table's aria-busy covers the wait. */}
      <p role="status" className="sr-only">
        {t('status.results', { count: rowCount })}
      </p>
    </div>
  )
}

/** A filter in a column's meta that the params do not declare would show, and silently do nothing. */
function useWarnAboutUndeclaredFilters<TData extends RowData>(
  columns: readonly DataTableColumnDef<TData>[],
  params: TableUrlState,
) {
  useEffect(() => {
    if (process.env.NODE_ENV === 'production') return
    for (const column of columns) {
      const id = column.id ?? ('accessorKey' in column ? String(column.accessorKey) : undefined)
      if (column.meta?.filter && (!id || !params.filterKeys.includes(id))) {
        console.warn(
          `DataTable: column "${id}" declares meta.filter, but the table's params have no filter with that key.`,
        )
      }
    }
  }, [columns, params])
}
