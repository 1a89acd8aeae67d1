'use client'

import Link from 'next/link'
import { usePathname } from 'next/navigation'

function isActive(pathname: string, href: string, hrefs: string[]): boolean {
  if (href === '/') return pathname === '/'
  // The most specific item that matches wins ("Miembros" over "Mi institución").
  const matches = hrefs.filter((h) => h !== '/' && (pathname === h || pathname.startsWith(`${h}/`)))
  return matches.sort((a, b) => b.length - a.length)[0] === href
}

/** The main navigation; its labels come translated from the server (no client-side i18n). */
export function MainNav({ label, items }: { label: string; items: { href: string; label: string }[] }) {
  const pathname = usePathname()
  const hrefs = items.map((i) => i.href)
  return (
    <nav aria-label={label} className="border-b border-line bg-white">
      <ul className="mx-auto flex max-w-6xl gap-1 overflow-x-auto px-2 sm:px-4">
        {items.map((item) => {
          const active = isActive(pathname, item.href, hrefs)
          return (
            <li key={item.href} className="shrink-0">
              <Link
                href={item.href}
                aria-current={active ? 'page' : undefined}
                className={`block border-b-4 px-3 py-3 text-sm font-medium no-underline hover:no-underline ${
                  active
                    ? 'border-brand-600 text-brand-800'
                    : 'border-transparent text-muted hover:border-line hover:text-ink'
                }`}
              >
                {item.label}
              </Link>
            </li>
          )
        })}
      </ul>
    </nav>
  )
}
