/**
 * The people a workflow asks to act or tells what happened: active designations in an institution,
 * or the DGD's active staff in a role. Disabled people are never asked.
 */
import type { CentralRole, MembershipRole } from '@/lib/auth/roles'
import type { Tx } from '@/lib/db/client'

export async function activeMembers(
  tx: Tx,
  institutionId: string | readonly string[],
  roles: readonly MembershipRole[],
): Promise<string[]> {
  const ids = typeof institutionId === 'string' ? [institutionId] : [...institutionId]
  const rows = await tx.membership.findMany({
    where: { institutionId: { in: ids }, role: { in: [...roles] }, endedAt: null, person: { disabledAt: null } },
    select: { personId: true },
  })
  return [...new Set(rows.map((m) => m.personId))]
}

export async function centralStaff(tx: Tx, role: CentralRole): Promise<string[]> {
  const rows = await tx.centralRoleAssignment.findMany({
    where: { role, endedAt: null, person: { disabledAt: null } },
    select: { personId: true },
  })
  return [...new Set(rows.map((r) => r.personId))]
}

/** Whether the person still holds the central role (an assignment made earlier may have ended). */
export async function holdsCentralRole(tx: Tx, personId: string, role: CentralRole): Promise<boolean> {
  const found = await tx.centralRoleAssignment.findFirst({
    where: { personId, role, endedAt: null, person: { disabledAt: null } },
    select: { id: true },
  })
  return found !== null
}
