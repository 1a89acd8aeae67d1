'use client'

import { createContext, use, useEffect, useRef, useTransition, type ReactNode } from 'react'
import { usePathname, useRouter, useSearchParams } from 'next/navigation'

type TableUrl = {
  /**
   * Rewrites the current URL's query (`null` removes a key), starting again from page 1 unless `page` is
   * set. `optimistic` runs inside the same transition (a `useOptimistic` setter), so a control shows its
   * new value until the server's answer replaces it.
   */
  replace(changes: Record<string, string | null>, optimistic?: () => void): void
  isPending: boolean
}

const TableUrlContext = createContext<TableUrl | null>(null)

/** The list's URL state, for the islands of a `ServerDataTable` (toolbar, page size). */
export function useTableUrl(): TableUrl {
  const value = use(TableUrlContext)
  if (!value) throw new Error('useTableUrl must be used inside a ServerDataTable')
  return value
}

/**
 * Holds the navigation of a server-rendered list: the toolbar and the page-size select rewrite the URL
 * with `router.replace` inside one transition, and the list dims (and is `aria-busy`) until the server's
 * new rows arrive. The rows themselves are server HTML passed as children.
 */
export function TableUrlProvider({ children }: { children: ReactNode }) {
  const router = useRouter()
  const pathname = usePathname()
  const [isPending, startTransition] = useTransition()
  // The query last asked for: until the server answers, the address bar still shows the previous one, and
  // a second change (a search typed right after ticking a filter) must build on the first.
  const requested = useRef<string | null>(null)
  const committed = useSearchParams().toString()
  useEffect(() => {
    requested.current = null
  }, [committed])

  function replace(changes: Record<string, string | null>, optimistic?: () => void) {
    const query = new URLSearchParams(requested.current ?? window.location.search)
    if (!('page' in changes)) query.delete('page')
    for (const [key, value] of Object.entries(changes)) {
      if (value === null || value === '') query.delete(key)
      else query.set(key, value)
    }
    // Commas separate a filter's values; written as such, as the server's parsers write them.
    const search = query.toString().replaceAll('%2C', ',')
    requested.current = search
    startTransition(() => {
      optimistic?.()
      router.replace(search ? `${pathname}?${search}` : pathname, { scroll: false })
    })
  }

  return (
    <TableUrlContext value={{ replace, isPending }}>
      <div className="group space-y-3" data-pending={isPending ? '' : undefined} aria-busy={isPending}>
        {children}
      </div>
    </TableUrlContext>
  )
}
