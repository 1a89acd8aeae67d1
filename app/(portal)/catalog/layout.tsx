import { ClientMessages } from '@/components/i18n/client-messages'
import type { MessagePath } from '@/lib/i18n/pick'

/** The messages the catalog's tables use in the browser (the detail pages render on the server only). */
const paths: MessagePath[] = [
  'dataTable',
  'catalog.services',
  'catalog.schemas',
  'catalog.data',
  'catalog.status',
  'catalog.protocol',
  'catalog.classification',
  'catalog.schemaKind',
  'catalog.schemaFormat',
  'catalog.group',
  'catalog.exportCsv',
  'catalog.staleShort',
  'catalog.never',
]

export default function CatalogLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages paths={paths}>{children}</ClientMessages>
}
