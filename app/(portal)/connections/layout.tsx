import { ClientMessages } from '@/components/i18n/client-messages'
import type { MessagePath } from '@/lib/i18n/pick'

/** The messages the case list, the meeting request and the case page's client components use. */
const paths: MessagePath[] = [
  'dataTable',
  'connections.searchPlaceholder',
  'connections.caption',
  'connections.empty',
  'connections.columns',
  'connections.detail.caseNumber',
  'connections.detail.revokeCancel',
  'connections.detail.revokeConfirm',
  'connections.detail.revokeLabel',
  'connections.detail.revokeSubmit',
  'connections.status',
  'connections.new',
  'connections.requesterRole',
  'agreements.sign',
]

export default function ConnectionsLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages paths={paths}>{children}</ClientMessages>
}
