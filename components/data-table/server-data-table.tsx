// The one list component: rows, sort links, pagination links and counts are server HTML. The only client
// code is the toolbar (search as you type, filters, reset) and the page-size select, which get their
// words as props and write the URL; the page re-runs its query with the params `defineTableParams` parses.
// TanStack Table is the engine, headless and on the server only: `constructTable` (not the `useTable` hook)
// builds the table in manual sorting and pagination mode from the rows SQL already sorted and paged, and the
// markup below renders its header groups, rows and cells. None of it reaches the browser.
import Link from 'next/link'
import type { ReactNode } from 'react'
import {
  columnVisibilityFeature,
  constructTable,
  rowPaginationFeature,
  rowSortingFeature,
  tableFeatures,
  type ColumnDef,
  type Header,
  type RowData,
} from '@tanstack/table-core'
import { storeReactivityBindings } from '@tanstack/table-core/store-reactivity-bindings'
import { flexRender } from '@tanstack/react-table/flex-render'
import { getTranslations } from 'next-intl/server'
import {
  hasActiveFilters,
  pageCountFor,
  type FilterSpec,
  type SortValue,
  type TableParams,
  type TableParamsDefinition,
} from '@/lib/data-table/search-params'
import {
  ChevronLeftIcon,
  ChevronRightIcon,
  ChevronsLeftIcon,
  ChevronsRightIcon,
  SortAscendingIcon,
  SortDescendingIcon,
  SortableIcon,
} from './data-table-icons'
import { PageSizeSelect } from './page-size-select'
import type { TableFilterOption } from './table-filter'
import { TableToolbar, type ToolbarFilter } from './table-toolbar'
import { TableUrlProvider } from './table-url'

/** A toolbar filter: `key` must be one of the table params' filters, the option values among its values. */
export type ServerTableFilter = { key: string; label: string; options: readonly TableFilterOption[] }

export type ServerColumn<TRow> = {
  /** The column's key; sortable when it is among the params' `sortable` (unless `enableSorting: false`). */
  id: string
  header: string
  cell: (row: TRow) => ReactNode
  enableSorting?: boolean
  /** Dates and counts: the first click sorts newest or largest first. */
  sortDescFirst?: boolean
  /** Shows a multi-select for this column in the toolbar; its key is the column's `id`. */
  filter?: Omit<ServerTableFilter, 'key'>
  /** `end` for numbers and amounts, so that digits line up. */
  align?: 'start' | 'end'
  /** Extra classes for the column's header and cells, e.g. a width or `whitespace-nowrap`. */
  className?: string
}

/** What the list needs of a `defineTableParams` definition, its literal types erased so that any fits. */
type ListDefinition = Pick<
  TableParamsDefinition<string, FilterSpec>,
  'sortable' | 'filterKeys' | 'pageSizes' | 'defaultPageSize'
> & {
  serialize(base: string, values: Record<string, unknown>): string
}

export type ServerDataTableProps<TRow extends RowData> = {
  /** The current page of rows, already searched, filtered, sorted and paged by the page's query. */
  rows: readonly TRow[]
  /** Rows matching the search and filters, across all pages. */
  rowCount: number
  columns: readonly ServerColumn<TRow>[]
  /** The table's URL state, from `defineTableParams`, and what its `load` gave for this request. */
  definition: ListDefinition
  params: TableParams
  /** The list's path, for its links: '/institutions'. */
  pathname: string
  searchPlaceholder: string
  /** Names the table for screen readers. */
  caption?: string
  /** Shown when the list is empty without any search or filter. */
  emptyMessage?: string
  getRowId: (row: TRow) => string
  /** Filters without a column of their own, shown in the toolbar after the columns' ones. */
  filters?: readonly ServerTableFilter[]
  /** Links or buttons beside the filters, e.g. "Exportar CSV". */
  toolbarActions?: ReactNode
}

const ariaSort = { asc: 'ascending', desc: 'descending' } as const

/** What each TanStack column carries besides its header and cell: how the markup aligns and styles it. */
type ColumnMeta = { align: 'start' | 'end'; className: string }

// Module-level, as TanStack recommends; the bindings hold no state, each request's table its own atoms.
const features = tableFeatures({
  coreReactivityFeature: storeReactivityBindings(),
  columnVisibilityFeature,
  rowSortingFeature,
  rowPaginationFeature,
  columnMeta: {} as ColumnMeta,
})
type Features = typeof features

/**
 * The TanStack column for a `ServerColumn`. Its accessor gives the whole row (cells format several fields),
 * which also makes it sortable to TanStack; whether it is depends on the params' `sortable` list.
 */
function toColumnDef<TRow extends RowData>(
  column: ServerColumn<TRow>,
  sortable: ReadonlySet<string>,
): ColumnDef<Features, TRow, unknown> {
  return {
    id: column.id,
    accessorFn: (row) => row,
    header: column.header,
    cell: ({ row }) => column.cell(row.original),
    enableSorting: sortable.has(column.id) && column.enableSorting !== false,
    sortDescFirst: column.sortDescFirst === true,
    meta: { align: column.align ?? 'start', className: column.className ?? '' },
  }
}

export async function ServerDataTable<TRow extends RowData>({
  rows,
  rowCount,
  columns,
  definition,
  params,
  pathname,
  searchPlaceholder,
  caption,
  emptyMessage,
  getRowId,
  filters = [],
  toolbarActions,
}: ServerDataTableProps<TRow>) {
  const t = await getTranslations('dataTable')

  /** A link to this list with the current view, changed by `changes`. Defaults are left out of the URL. */
  function hrefWith(changes: { page?: number; sort?: SortValue }) {
    return definition.serialize(pathname, {
      q: params.q || null,
      sort: changes.sort ?? params.sort,
      perPage: params.pageSize,
      page: changes.page ?? params.page,
      ...params.filters,
    })
  }

  const toolbarFilters: ToolbarFilter[] = [
    ...columns.flatMap((column) => (column.filter ? [{ key: column.id, ...column.filter }] : [])),
    ...filters,
  ]
    .filter((filter) => definition.filterKeys.includes(filter.key))
    .map((filter) => ({ ...filter, selected: params.filters[filter.key] ?? [] }))

  const isFiltered = hasActiveFilters(params)
  const sortable = new Set(definition.sortable)
  const table = constructTable<Features, TRow>({
    features,
    data: rows,
    columns: columns.map((column) => toColumnDef(column, sortable)),
    getRowId: (row) => getRowId(row),
    // The page's query has searched, sorted and paged the rows: TanStack only describes them.
    manualSorting: true,
    manualPagination: true,
    rowCount,
    // A sorted column flips between ascending and descending; a link never removes the sort.
    enableSortingRemoval: false,
    enableMultiSort: false,
    initialState: {
      sorting: [params.sort],
      pagination: { pageIndex: params.page - 1, pageSize: params.pageSize },
    },
  })
  const pageCount = pageCountFor(rowCount, params.pageSize)
  const from = Math.min(rowCount, (params.page - 1) * params.pageSize + 1)
  const to = Math.min(rowCount, params.page * params.pageSize)
  const canPrevious = table.getCanPreviousPage()
  const canNext = table.getCanNextPage()
  const tableRows = table.getRowModel().rows

  /** A column header: a sort link with its direction icon when the column sorts, else its text. */
  function headerContent(header: Header<Features, TRow, unknown>) {
    const content = flexRender(header.column.columnDef.header, header.getContext())
    if (!header.column.getCanSort()) return content
    const sorted = header.column.getIsSorted()
    // Sorting by the current column flips it; by another, starts from its natural direction.
    const next = { id: header.column.id, desc: header.column.getNextSortingOrder() === 'desc' }
    return (
      <Link
        href={hrefWith({ sort: next, page: 1 })}
        scroll={false}
        className={`-mx-1.5 inline-flex items-center gap-1.5 rounded px-1.5 py-0.5 font-semibold no-underline hover:bg-brand-50 hover:text-brand-800 hover:no-underline ${
          header.column.columnDef.meta?.align === 'end' ? 'flex-row-reverse' : ''
        } ${sorted ? 'text-brand-800' : 'text-ink'}`}
      >
        {content}
        {sorted === 'asc' ? (
          <SortAscendingIcon className="size-3.5" />
        ) : sorted === 'desc' ? (
          <SortDescendingIcon className="size-3.5" />
        ) : (
          <SortableIcon className="size-3.5 text-muted" />
        )}
      </Link>
    )
  }

  return (
    <TableUrlProvider>
      <TableToolbar
        q={params.q}
        searchPlaceholder={searchPlaceholder}
        filters={toolbarFilters}
        labels={{
          toolbar: t('toolbar'),
          search: t('search.label'),
          reset: t('filters.reset'),
          clearSelection: t('filters.clearSelection'),
          selectedOne: t('filters.selectedCount', { count: 1 }).replace('1', '#'),
          selectedOther: t('filters.selectedCount', { count: 2 }).replace('2', '#'),
        }}
      >
        {toolbarActions}
      </TableToolbar>

      <div className="overflow-hidden rounded-md border border-line bg-white">
        {/* Focusable, so that keyboard users can scroll a table wider than a phone. `relative` keeps the
            absolutely positioned sr-only text of headers and cells inside the scroller, not widening the page. */}
        <div
          role="region"
          aria-label={caption ?? t('regionLabel')}
          tabIndex={0}
          className="relative overflow-x-auto focus-visible:-outline-offset-2"
        >
          {/* Cell, header and row styles are set once here rather than on every cell: the rows are in the HTML and
              again in the RSC payload. */}
          <table className="w-full border-collapse text-sm transition-opacity duration-200 group-data-pending:opacity-60 [&_td]:px-3 [&_td]:py-2.5 [&_td]:align-middle [&_td]:text-ink [&_th]:whitespace-nowrap [&_th]:border-b [&_th]:border-line [&_th]:bg-surface [&_th]:px-3 [&_th]:py-2.5 [&_th]:text-sm [&_th]:font-semibold [&_th]:text-ink [&_tbody_tr]:border-b [&_tbody_tr]:border-line [&_tbody_tr:last-child]:border-b-0 [&_tbody_tr:hover]:bg-brand-50/50">
            {caption && <caption className="sr-only">{caption}</caption>}
            <thead>
              {table.getHeaderGroups().map((headerGroup) => (
                <tr key={headerGroup.id}>
                  {headerGroup.headers.map((header) => {
                    const sorted = header.column.getIsSorted()
                    const meta = header.column.columnDef.meta
                    return (
                      <th
                        key={header.column.id}
                        scope="col"
                        aria-sort={header.column.getCanSort() ? (sorted ? ariaSort[sorted] : 'none') : undefined}
                        className={`${meta?.align === 'end' ? 'text-right' : 'text-left'} ${meta?.className ?? ''}`.trim()}
                      >
                        {header.isPlaceholder ? null : headerContent(header)}
                      </th>
                    )
                  })}
                </tr>
              ))}
            </thead>
            <tbody>
              {tableRows.length > 0 ? (
                tableRows.map((row) => (
                  <tr key={row.id}>
                    {row.getVisibleCells().map((cell) => {
                      const meta = cell.column.columnDef.meta
                      const className =
                        `${meta?.align === 'end' ? 'text-right tabular-nums' : ''} ${meta?.className ?? ''}`.trim()
                      return (
                        // Keyed by column, not by `cell.id` (row and column ids): keys travel in the RSC payload. No
                        // `className` at all when there is none (an undefined one travels too, as "$undefined").
                        <td key={cell.column.id} {...(className ? { className } : {})}>
                          {flexRender(cell.column.columnDef.cell, cell.getContext())}
                        </td>
                      )
                    })}
                  </tr>
                ))
              ) : (
                <tr>
                  <td colSpan={table.getVisibleLeafColumns().length} className="py-12! text-center text-muted!">
                    {rowCount > 0 && params.page > 1 ? (
                      // A stale link or a shrunken list left us past the last page.
                      <>
                        {t('empty.pageOutOfRange')}{' '}
                        <Link
                          href={hrefWith({ page: 1 })}
                          scroll={false}
                          className="font-medium text-brand-700 underline underline-offset-2"
                        >
                          {t('empty.goToFirstPage')}
                        </Link>
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

        <div className="flex flex-wrap items-center justify-between gap-x-6 gap-y-3 border-t border-line px-3 py-2.5 text-sm text-muted">
          <p>{rows.length === 0 ? t('pagination.noResults') : t('pagination.range', { from, to, total: rowCount })}</p>

          <div className="flex flex-wrap items-center gap-x-6 gap-y-3">
            <PageSizeSelect
              label={t('pagination.pageSize')}
              pageSize={params.pageSize}
              pageSizes={definition.pageSizes}
              defaultPageSize={definition.defaultPageSize}
            />

            <p className="whitespace-nowrap text-ink">{t('pagination.pageOf', { page: params.page, pageCount })}</p>

            <nav aria-label={t('pagination.label')} className="flex items-center gap-1">
              <PageLink
                current={hrefWith({})}
                label={t('pagination.first')}
                href={canPrevious ? hrefWith({ page: 1 }) : null}
              >
                <ChevronsLeftIcon />
              </PageLink>
              <PageLink
                current={hrefWith({})}
                label={t('pagination.previous')}
                href={canPrevious ? hrefWith({ page: Math.min(params.page, pageCount + 1) - 1 }) : null}
              >
                <ChevronLeftIcon />
              </PageLink>
              <PageLink
                current={hrefWith({})}
                label={t('pagination.next')}
                href={canNext ? hrefWith({ page: params.page + 1 }) : null}
              >
                <ChevronRightIcon />
              </PageLink>
              <PageLink
                current={hrefWith({})}
                label={t('pagination.last')}
                href={canNext ? hrefWith({ page: pageCount }) : null}
              >
                <ChevronsRightIcon />
              </PageLink>
            </nav>
          </div>
        </div>
      </div>

      {/* Announces the new count after a search or filter; the list's aria-busy covers the wait. */}
      <p role="status" className="sr-only">
        {t('status.results', { count: rowCount })}
      </p>
    </TableUrlProvider>
  )
}

const pageLinkClass =
  'inline-flex size-8 items-center justify-center rounded-md border border-line bg-white text-ink no-underline hover:bg-surface hover:no-underline aria-disabled:pointer-events-none aria-disabled:text-line'

/**
 * A page link. Where there is no such page it stays a link, to this same view, marked `aria-disabled`:
 * the same element, so that keyboard focus stays on it when the person reaches the last page with it.
 */
function PageLink({
  label,
  href,
  current,
  children,
}: {
  label: string
  href: string | null
  current: string
  children: ReactNode
}) {
  return (
    <Link
      href={href ?? current}
      scroll={false}
      aria-label={label}
      title={label}
      aria-disabled={href ? undefined : true}
      className={pageLinkClass}
    >
      {children}
    </Link>
  )
}
