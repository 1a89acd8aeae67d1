import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import { can } from '@/lib/auth/roles'
import { getViewer } from '@/lib/auth/viewer'

const tabs = [
  { key: 'services', href: '/catalog/services' },
  { key: 'schemas', href: '/catalog/schemas' },
  { key: 'data', href: '/catalog/data' },
  // The publication requests, for those who make them or act on them (lib/review).
  { key: 'requests', href: '/catalog/requests' },
] as const

/** The three catalogs (and the publication requests) as tabs of one page (links: each is its own URL). */
export async function CatalogTabs({ current }: { current: (typeof tabs)[number]['key'] }) {
  const t = await getTranslations('catalog.tabs')
  const viewer = await getViewer()
  const shown = tabs.filter((tab) => tab.key !== 'requests' || (viewer && can(viewer, 'publications.read')))
  return (
    <nav aria-label={t('label')} className="border-b border-line">
      <ul className="-mb-px flex flex-wrap gap-1">
        {shown.map((tab) => (
          <li key={tab.key}>
            <Link
              href={tab.href}
              aria-current={tab.key === current ? 'page' : undefined}
              className={`inline-block border-b-2 px-4 py-2 text-sm font-medium no-underline hover:no-underline ${
                tab.key === current
                  ? 'border-brand-600 text-brand-800'
                  : 'border-transparent text-muted hover:border-line hover:text-ink'
              }`}
            >
              {t(tab.key)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  )
}
