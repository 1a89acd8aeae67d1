import { ClientMessages } from '@/components/i18n/client-messages'

/** The messages the audit log's table uses in the browser (its targets and roles too). */
export default function AuditLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages paths={['dataTable', 'audit', 'roles']}>{children}</ClientMessages>
}
