'use client'

import { useId, type ReactNode } from 'react'
import { useTranslations } from 'next-intl'
import type { PaginationState, RowData, Table } from '@tanstack/react-table'
import { pageCountFor } from '@/lib/data-table/search-params'
import type { DataTableFeatures } from './data-table-features'
import { ChevronLeftIcon, ChevronRightIcon, ChevronsLeftIcon, ChevronsRightIcon } from './data-table-icons'

type DataTablePaginationProps<TData extends RowData> = {
  table: Table<DataTableFeatures, TData>
  /** The pagination as the URL holds it now (read here rather than through the table, so React sees it change). */
  pagination: PaginationState
  rowCount: number
  pageSizes: readonly number[]
}

export function DataTablePagination<TData extends RowData>({
  table,
  pagination,
  rowCount,
  pageSizes,
}: DataTablePaginationProps<TData>) {
  const t = useTranslations('dataTable.pagination')
  const pageSizeId = useId()
  const { pageIndex, pageSize } = pagination
  const page = pageIndex + 1
  const pageCount = pageCountFor(rowCount, pageSize)
  const from = Math.min(rowCount, pageIndex * pageSize + 1)
  const to = Math.min(rowCount, page * pageSize)
  const canPrevious = pageIndex > 0
  const canNext = page < pageCount

  return (
    <div className="flex flex-wrap items-center justify-between gap-x-6 gap-y-3 border-t border-line px-3 py-2.5 text-sm text-muted">
      <p>{rowCount === 0 || from > to ? t('noResults') : t('range', { from, to, total: rowCount })}</p>

      <div className="flex flex-wrap items-center gap-x-6 gap-y-3">
        <div className="flex items-center gap-2">
          <label htmlFor={pageSizeId}>{t('pageSize')}</label>
          <select
            id={pageSizeId}
            value={pageSize}
            onChange={(event) => table.setPageSize(Number(event.target.value))}
            className="h-8 rounded-md border border-line bg-white px-2 text-sm text-ink hover:border-muted"
          >
            {pageSizes.map((size) => (
              <option key={size} value={size}>
                {size}
              </option>
            ))}
          </select>
        </div>

        <p className="whitespace-nowrap text-ink">{t('pageOf', { page, pageCount })}</p>

        <nav aria-label={t('label')} className="flex items-center gap-1">
          <PageButton label={t('first')} enabled={canPrevious} onClick={() => table.firstPage()}>
            <ChevronsLeftIcon />
          </PageButton>
          <PageButton label={t('previous')} enabled={canPrevious} onClick={() => table.previousPage()}>
            <ChevronLeftIcon />
          </PageButton>
          <PageButton label={t('next')} enabled={canNext} onClick={() => table.nextPage()}>
            <ChevronRightIcon />
          </PageButton>
          <PageButton label={t('last')} enabled={canNext} onClick={() => table.lastPage()}>
            <ChevronsRightIcon />
          </PageButton>
        </nav>
      </div>
    </div>
  )
}

/**
 * `aria-disabled` rather than `disabled`: a disabled button drops keyboard focus to <body> at the
 * moment the user reaches the last page with it.
 */
function PageButton({
  label,
  enabled,
  onClick,
  children,
}: {
  label: string
  enabled: boolean
  onClick: () => void
  children: ReactNode
}) {
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      aria-disabled={!enabled}
      onClick={enabled ? onClick : undefined}
      className="inline-flex size-8 items-center justify-center rounded-md border border-line bg-white text-ink hover:bg-surface aria-disabled:cursor-not-allowed aria-disabled:text-line aria-disabled:hover:bg-white"
    >
      {children}
    </button>
  )
}
