// Pieces that DataTable columns share: a toolbar filter built from a table param's values, and the
// way instants and calendar dates are shown in a cell.
import type { DataTableColumnMeta } from './data-table-features'
import { formatCalendarDate, formatDateTime } from '@/lib/dates'

/**
 * The `meta` of a column filtered from the toolbar: one option per value the table's params accept
 * for it (`params.filters[id]`), labelled by `labelOf`.
 */
export function filterMeta<Value extends string>(
  label: string,
  values: readonly Value[],
  labelOf: (value: Value) => string,
): DataTableColumnMeta {
  return { filter: { label, options: values.map((value) => ({ value, label: labelOf(value) })) } }
}

/** An instant, in Chilean time, machine-readable for assistive technology. */
export function DateTimeCell({ value }: { value: Date }) {
  return <time dateTime={value.toISOString()}>{formatDateTime(value)}</time>
}

/** A calendar date (a @db.Date column), the same day everywhere. */
export function CalendarDateCell({ value }: { value: Date }) {
  return <time dateTime={value.toISOString().slice(0, 10)}>{formatCalendarDate(value)}</time>
}

/** Dates do not break across lines. */
export const dateColumnMeta = { className: 'whitespace-nowrap' } satisfies DataTableColumnMeta
