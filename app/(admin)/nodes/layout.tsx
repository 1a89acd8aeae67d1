import { ClientMessages } from '@/components/i18n/client-messages'

/** The messages the nodes table uses in the browser. */
export default function NodesLayout({ children }: { children: React.ReactNode }) {
  return (
    <ClientMessages
      paths={[
        'dataTable',
        'nodes.columns',
        'nodes.filters',
        'nodes.environment',
        'nodes.heartbeat',
        'nodes.version',
        'nodes.noCredential',
        'nodes.revokedNode',
        'nodes.searchPlaceholder',
        'nodes.caption',
        'nodes.empty',
      ]}
    >
      {children}
    </ClientMessages>
  )
}
