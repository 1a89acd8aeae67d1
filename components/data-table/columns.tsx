// Pieces that list columns share: a toolbar filter built from a table param's values, and the way
// instants and calendar dates are shown in a cell.
import { formatCalendarDate, formatDateTime } from '@/lib/dates'
import type { ServerColumn } from './server-data-table'

/** The `filter` of a column filtered from the toolbar: one option per value the table's params accept for it. */
export function filterMeta<Value extends string>(
  label: string,
  values: readonly Value[],
  labelOf: (value: Value) => string,
): NonNullable<ServerColumn<unknown>['filter']> {
  return { label, options: values.map((value) => ({ value, label: labelOf(value) })) }
}

/** An instant, in Chilean time, machine-readable for assistive technology. */
export function DateTimeCell({ value }: { value: Date }) {
  return <time dateTime={value.toISOString()}>{formatDateTime(value)}</time>
}

/** A calendar date (a @db.Date column), the same day everywhere. */
export function CalendarDateCell({ value }: { value: Date }) {
  return <time dateTime={value.toISOString().slice(0, 10)}>{formatCalendarDate(value)}</time>
}

/** Dates do not break across lines, and the first click on their header shows the newest first. */
export const dateColumn = { className: 'whitespace-nowrap', sortDescFirst: true } as const
