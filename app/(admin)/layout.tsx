import { PortalShell } from '@/components/layout/portal-shell'
import { requireViewer } from '@/lib/auth/viewer'

/**
 * Central staff's pages (audit log, nodes, trainings). Each page checks its own permission
 * (requirePermission), so someone else gets the 403 message inside this frame; a check here would
 * throw above the frame and show the message alone.
 */
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const viewer = await requireViewer()
  return <PortalShell viewer={viewer}>{children}</PortalShell>
}
