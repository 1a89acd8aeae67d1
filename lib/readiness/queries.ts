import 'server-only'
import type { Viewer } from '@/lib/auth/load-viewer'
import { authorize, can } from '@/lib/auth/roles'
import { db } from '@/lib/db/client'
import { readinessOf } from './readiness'

/** An institution's readiness for the network, its convenio and the workshops its people attended. */
export async function getReadiness(viewer: Viewer, institutionId: string, now = new Date()) {
  authorize(viewer, 'institutions.browse')
  const institution = await db.institution.findUnique({
    where: { id: institutionId },
    select: {
      cooperationAgreement: {
        select: {
          signedOn: true,
          segpresDecreeNumber: true,
          segpresDecreeDate: true,
          institutionDecreeNumber: true,
          institutionDecreeDate: true,
          availability: true,
          criticalResolutionHours: true,
          terminationNoticeOn: true,
          terminatesOn: true,
        },
      },
      memberships: { where: { endedAt: null }, select: { role: true } },
      trainingAttendances: {
        orderBy: { workshop: { heldOn: 'desc' } },
        select: { id: true, person: { select: { name: true } }, workshop: { select: { kind: true, title: true, heldOn: true } } },
      },
    },
  })
  if (!institution) return null
  const items = readinessOf({
    now,
    cooperation: institution.cooperationAgreement,
    designatedRoles: institution.memberships.map((m) => m.role),
    trainingKindsAttended: institution.trainingAttendances.map((a) => a.workshop.kind),
  })
  const canManage = can(viewer, 'readiness.manage')
  const [workshops, members] = canManage
    ? await Promise.all([
        db.trainingWorkshop.findMany({ orderBy: { heldOn: 'desc' }, take: 50, select: { id: true, title: true, heldOn: true } }),
        db.membership.findMany({
          where: { institutionId, endedAt: null },
          distinct: ['personId'],
          select: { person: { select: { id: true, name: true } } },
        }),
      ])
    : [[], []]
  return {
    items,
    cooperation: institution.cooperationAgreement,
    attendances: institution.trainingAttendances,
    canManage,
    workshops,
    members: members.map((m) => m.person),
  }
}

export type Readiness = NonNullable<Awaited<ReturnType<typeof getReadiness>>>
