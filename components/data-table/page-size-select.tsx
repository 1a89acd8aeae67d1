'use client'

import { useId, useOptimistic } from 'react'
import { useTableUrl } from './table-url'

/** "Filas por página": changing it starts again from page 1. */
export function PageSizeSelect({
  label,
  pageSize,
  pageSizes,
  defaultPageSize,
}: {
  label: string
  pageSize: number
  pageSizes: readonly number[]
  defaultPageSize: number
}) {
  const id = useId()
  const url = useTableUrl()
  const [shown, setShown] = useOptimistic(pageSize)
  return (
    <div className="flex items-center gap-2">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={shown}
        onChange={(event) => {
          const size = Number(event.target.value)
          url.replace({ perPage: size === defaultPageSize ? null : String(size) }, () => setShown(size))
        }}
        className="h-8 rounded-md border border-line bg-white px-2 text-sm text-ink hover:border-muted"
      >
        {pageSizes.map((size) => (
          <option key={size} value={size}>
            {size}
          </option>
        ))}
      </select>
    </div>
  )
}
