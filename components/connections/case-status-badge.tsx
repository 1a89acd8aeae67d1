'use client'

import { useTranslations } from 'next-intl'
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

export function CaseStatusBadge({ status }: { status: ConnectionStatus }) {
  const t = useTranslations('connections.status')
  return <Badge tone={tones[status]}>{t(status)}</Badge>
}
