import { ClientMessages } from '@/components/i18n/client-messages'
import type { MessagePath } from '@/lib/i18n/pick'

/** The messages the requests list and the step forms use on the client. */
const paths: MessagePath[] = [
  'dataTable',
  'review.searchPlaceholder',
  'review.caption',
  'review.empty',
  'review.columns',
  'review.kind',
  'review.status',
]

export default function RequestsLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages paths={paths}>{children}</ClientMessages>
}
