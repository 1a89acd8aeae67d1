import { PortalShell } from '@/components/layout/portal-shell'
import { requireViewer } from '@/lib/auth/viewer'

/** Signed-in people only; each page then checks its own permission. */
export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const viewer = await requireViewer()
  return <PortalShell viewer={viewer}>{children}</PortalShell>
}
