import type { Prisma } from '@/lib/generated/prisma/client'
import type { Tx } from '@/lib/db/client'

export type AuditEntry = {
  actorId: string | null
  /** Dotted verb: "membership.create", "person.disable". */
  action: string
  targetType: string
  targetId: string
  institutionId?: string | null
  before?: Prisma.InputJsonValue | null
  after?: Prisma.InputJsonValue | null
}

/**
 * Records an audit event. Takes the transaction of the change it describes, so the change and its
 * record are written together or not at all.
 */
export async function recordAudit(tx: Tx, entry: AuditEntry): Promise<void> {
  await tx.auditEvent.create({
    data: {
      actorId: entry.actorId,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId,
      institutionId: entry.institutionId ?? null,
      before: entry.before ?? undefined,
      after: entry.after ?? undefined,
    },
  })
}
