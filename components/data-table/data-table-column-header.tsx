'use client'

import { FlexRender, type Header, type RowData, type SortDirection } from '@tanstack/react-table'
import type { DataTableFeatures } from './data-table-features'
import { SortAscendingIcon, SortDescendingIcon, SortableIcon } from './data-table-icons'

type DataTableColumnHeaderProps<TData extends RowData> = {
  header: Header<DataTableFeatures, TData, unknown>
  /** Whether the table's params allow sorting by this column. */
  sortable: boolean
  /** The current direction when the table is sorted by this column. */
  sorted: false | SortDirection
}

const ariaSort = { asc: 'ascending', desc: 'descending' } as const

/** A header cell; a sortable one holds a button and tells assistive technology its order with `aria-sort`. */
export function DataTableColumnHeader<TData extends RowData>({
  header,
  sortable,
  sorted,
}: DataTableColumnHeaderProps<TData>) {
  const meta = header.column.columnDef.meta
  const alignEnd = meta?.align === 'end'

  return (
    <th
      scope="col"
      colSpan={header.colSpan}
      aria-sort={sortable ? (sorted ? ariaSort[sorted] : 'none') : undefined}
      className={`whitespace-nowrap border-b border-line bg-surface px-3 py-2.5 text-sm font-semibold text-ink ${
        alignEnd ? 'text-right' : 'text-left'
      } ${meta?.className ?? ''}`}
    >
      {header.isPlaceholder ? null : sortable ? (
        <button
          type="button"
          // With sorting removal off, this cycles asc ↔ desc, starting from the column's natural direction.
          onClick={() => header.column.toggleSorting()}
          className={`-mx-1.5 inline-flex items-center gap-1.5 rounded px-1.5 py-0.5 font-semibold hover:bg-brand-50 hover:text-brand-800 ${
            alignEnd ? 'flex-row-reverse' : ''
          } ${sorted ? 'text-brand-800' : ''}`}
        >
          <FlexRender header={header} />
          {sorted === 'asc' ? (
            <SortAscendingIcon className="size-3.5" />
          ) : sorted === 'desc' ? (
            <SortDescendingIcon className="size-3.5" />
          ) : (
            <SortableIcon className="size-3.5 text-muted" />
          )}
        </button>
      ) : (
        <FlexRender header={header} />
      )}
    </th>
  )
}
