import { ClientMessages } from '@/components/i18n/client-messages'

/** The messages the institutions list, the members page and the readiness forms use in the browser. */
export default function InstitutionsLayout({ children }: { children: React.ReactNode }) {
  return (
    <ClientMessages
      paths={[
        'dataTable',
        'common',
        'institutions',
        'members.add',
        'members.end',
        'members.disable',
        'roles',
        'readiness.manage',
        'nodes.issue',
        'nodes.revokeCredential',
        'nodes.revokeNode',
      ]}
    >
      {children}
    </ClientMessages>
  )
}
