/**
 * Nodes and grants made by the connection workflow: the consumer's node for an environment (its first
 * one not revoked, or a new one) and the case's grant of its service to that node. Runs inside the
 * case step's transaction (lib/connections/cases.ts), which holds the case's row lock.
 */
import type { Tx } from '@/lib/db/client'
import type { NodeEnvironment } from '@/lib/generated/prisma/enums'

const NAME_PREFIX: Record<NodeEnvironment, string> = {
  DEVELOPMENT: 'nodo-desarrollo-',
  PRODUCTION: 'nodo-produccion-',
}

/** The institution's node for `environment`; a new one named "nodo-<entorno>-N" when it has none in service. */
export async function ensureInstitutionNode(
  tx: Tx,
  institutionId: string,
  environment: NodeEnvironment,
  actorId: string,
): Promise<{ id: string; name: string; created: boolean }> {
  // Two cases of one institution provisioned at once: serialized on the institution's row.
  await tx.$queryRaw`SELECT id FROM "Institution" WHERE id = ${institutionId} FOR UPDATE`
  const existing = await tx.node.findFirst({
    where: { institutionId, environment, revokedAt: null },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: { id: true, name: true },
  })
  if (existing) return { ...existing, created: false }
  const taken = await tx.node.findMany({ where: { institutionId, environment }, select: { name: true } })
  const names = new Set(taken.map((n) => n.name))
  let n = 1
  while (names.has(`${NAME_PREFIX[environment]}${n}`)) n++
  const node = await tx.node.create({
    data: { institutionId, environment, name: `${NAME_PREFIX[environment]}${n}`, createdById: actorId },
    select: { id: true, name: true },
  })
  return { ...node, created: true }
}

/** The case's grant in `environment`; the unique (caseId, environment) refuses a second one. */
export async function grantCaseAccess(
  tx: Tx,
  input: { caseId: string; serviceId: string; nodeId: string; environment: NodeEnvironment; actorId: string },
) {
  return tx.accessGrant.create({
    data: {
      caseId: input.caseId,
      serviceId: input.serviceId,
      nodeId: input.nodeId,
      environment: input.environment,
      grantedById: input.actorId,
    },
    select: { id: true, grantedAt: true },
  })
}
