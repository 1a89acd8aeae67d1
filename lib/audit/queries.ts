import 'server-only'
import { authorize } from '@/lib/auth/roles'
import type { Viewer } from '@/lib/auth/viewer'
import { skipFor } from '@/lib/data-table/search-params'
import { db } from '@/lib/db/client'
import type { Prisma } from '@/lib/generated/prisma/client'
import type { AuditTableParams } from './table-params'
import { describeAuditTargets, type AuditTarget } from './targets'

export type AuditRow = {
  id: string
  at: Date
  actorName: string | null
  action: string
  targetType: string
  targetId: string
  /** The record as people name it, with a link to its page. */
  target: AuditTarget
  institutionName: string | null
  before: Prisma.JsonValue
  after: Prisma.JsonValue
}

/** DGD staff and auditors read the whole log; nobody else reads any of it. */
export async function listAuditEvents(viewer: Viewer, params: AuditTableParams) {
  authorize(viewer, 'audit.read')
  const q = params.q
  const where: Prisma.AuditEventWhereInput = {
    ...(params.filters.action.length ? { action: { in: params.filters.action } } : {}),
    ...(q
      ? {
          OR: [
            { action: { contains: q, mode: 'insensitive' } },
            { targetId: q },
            { actor: { name: { contains: q, mode: 'insensitive' } } },
          ],
        }
      : {}),
  }
  const dir = params.sort.desc ? 'desc' : 'asc'
  const [events, rowCount] = await Promise.all([
    db.auditEvent.findMany({
      where,
      orderBy: [{ [params.sort.id]: dir }, { id: dir }],
      skip: skipFor(params),
      take: params.pageSize,
      select: {
        id: true,
        at: true,
        action: true,
        targetType: true,
        targetId: true,
        institutionId: true,
        before: true,
        after: true,
        actor: { select: { name: true } },
      },
    }),
    db.auditEvent.count({ where }),
  ])
  const institutionIds = [...new Set(events.map((e) => e.institutionId).filter((id): id is string => id !== null))]
  const targets = await describeAuditTargets(events)
  const institutions = new Map(
    (await db.institution.findMany({ where: { id: { in: institutionIds } }, select: { id: true, name: true } })).map(
      (i) => [i.id, i.name],
    ),
  )
  const rows: AuditRow[] = events.map(({ actor, institutionId, ...event }, i) => ({
    ...event,
    target: targets[i]!,
    actorName: actor?.name ?? null,
    institutionName: institutionId ? (institutions.get(institutionId) ?? null) : null,
  }))
  return { rows, rowCount }
}
