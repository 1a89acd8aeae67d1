import { getTranslations } from 'next-intl/server'
import { Badge } from '@/components/ui/badge'
import type { ConnectionStatus } from '@/lib/generated/prisma/enums'

const tones: Record<ConnectionStatus, 'neutral' | 'brand' | 'success' | 'warning' | 'danger'> = {
  MEETING_REQUESTED: 'warning',
  MEETING_SCHEDULED: 'brand',
  MEETING_HELD: 'brand',
  DEV_NODE_PROVISIONED: 'brand',
  PROMOTION_REQUESTED: 'warning',
  PROMOTION_REVIEWED: 'warning',
  CONNECTED: 'success',
  CLOSED: 'neutral',
}

export async function CaseStatusBadge({ status }: { status: ConnectionStatus }) {
  const t = await getTranslations('connections.status')
  return <Badge tone={tones[status]}>{t(status)}</Badge>
}
