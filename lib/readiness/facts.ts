import type { Db, Tx } from '@/lib/db/client'
import { readinessFactsOf, type ReadinessFacts } from './readiness'

/**
 * Reads an institution's readiness facts — the part of the promotion checklist's facts that belongs
 * to the institution — with the caller's client or transaction. Null when the institution does not
 * exist. Unscoped: callers authorize first.
 */
export async function loadReadinessFacts(client: Db | Tx, institutionId: string): Promise<ReadinessFacts | null> {
  const found = await client.institution.findUnique({
    where: { id: institutionId },
    select: {
      memberships: { where: { endedAt: null }, select: { role: true } },
      trainingAttendances: { select: { workshop: { select: { kind: true } } } },
      cooperationAgreement: { select: { segpresDecreeDate: true, institutionDecreeDate: true, terminatesOn: true } },
    },
  })
  if (!found) return null
  return readinessFactsOf({
    cooperation: found.cooperationAgreement,
    designatedRoles: found.memberships.map((m) => m.role),
    trainingKindsAttended: found.trainingAttendances.map((a) => a.workshop.kind),
  })
}
