import { ClientMessages } from '@/components/i18n/client-messages'

/** The messages the audit log's table uses in the browser. */
export default function AuditLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages paths={['dataTable', 'audit']}>{children}</ClientMessages>
}
