import { forbidden } from 'next/navigation'
import { PortalShell } from '@/components/layout/portal-shell'
import { requireViewer } from '@/lib/auth/viewer'

/** Central staff only (DGD and auditors); each page then checks its own permission. */
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const viewer = await requireViewer()
  if (viewer.centralRoles.length === 0) forbidden()
  return <PortalShell viewer={viewer}>{children}</PortalShell>
}
