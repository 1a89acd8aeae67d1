import { PortalShell } from '@/components/layout/portal-shell'
import { PublicShell } from '@/components/layout/public-shell'
import { getViewer } from '@/lib/auth/viewer'

/** An address no route matches keeps the frame its visitor knows: the portal's when signed in. */
export default async function MissingLayout({ children }: { children: React.ReactNode }) {
  const viewer = await getViewer()
  if (viewer) return <PortalShell viewer={viewer}>{children}</PortalShell>
  return <PublicShell>{children}</PublicShell>
}
