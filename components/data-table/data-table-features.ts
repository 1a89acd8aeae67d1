// The TanStack Table v9 feature set shared by every DataTable, and the column types bound to it.
// A feature's state and APIs exist only when the feature is registered here; the row models are
// deliberately absent because the server pages, sorts and filters (the table runs in manual mode).
import {
  columnFilteringFeature,
  createColumnHelper,
  filterFn_arrIncludesSome,
  metaHelper,
  rowPaginationFeature,
  rowSortingFeature,
  tableFeatures,
  type ColumnDef,
  type RowData,
} from '@tanstack/react-table'

export type DataTableFilterOption = { value: string; label: string }

/**
 * What a column def may declare in `meta`. v9 scopes meta types to a feature set (the `columnMeta`
 * slot below) instead of a global `declare module` merge, so only DataTable columns see these keys.
 */
export type DataTableColumnMeta = {
  /**
   * Shows a multi-select for this column in the toolbar. The column's id must be a filter key of the
   * table's params (`defineTableParams({ filters: { [id]: [...] } })`), and the option values among its values.
   */
  filter?: { label: string; options: readonly DataTableFilterOption[] }
  /** `end` for numbers and amounts, so that digits line up. */
  align?: 'start' | 'end'
  /** Extra classes for the column's header and cells, e.g. a width or `whitespace-nowrap`. */
  className?: string
}

export const dataTableFeatures = tableFeatures({
  rowSortingFeature,
  rowPaginationFeature,
  columnFilteringFeature,
  // Never filters rows here (filtering is manual); it tells TanStack that an empty selection removes the filter.
  filterFns: { arrIncludesSome: filterFn_arrIncludesSome },
  columnMeta: metaHelper<DataTableColumnMeta>(),
})

export type DataTableFeatures = typeof dataTableFeatures

// `any` as TanStack's own `columns()` helper uses it: a list mixes columns of different value types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type DataTableColumnDef<TData extends RowData, TValue = any> = ColumnDef<DataTableFeatures, TData, TValue>

/**
 * The column helper for DataTable columns; it infers each accessor's value type.
 *
 * @example
 * const column = createDataTableColumnHelper<ServiceRow>()
 * export const serviceColumns = column.columns([
 *   column.accessor('name', { header: 'Nombre' }),
 * ])
 */
export function createDataTableColumnHelper<TData extends RowData>() {
  return createColumnHelper<DataTableFeatures, TData>()
}
