import { ClientMessages } from '@/components/i18n/client-messages'
import type { MessagePath } from '@/lib/i18n/pick'

/** The messages the agreements list uses in the browser. */
const paths: MessagePath[] = [
  'dataTable',
  'agreements',
  'connections.agreementKind',
  'connections.agreementStatus',
  'connections.detail.indefinite',
]

export default function AgreementsLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages paths={paths}>{children}</ClientMessages>
}
