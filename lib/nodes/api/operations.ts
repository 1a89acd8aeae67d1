import { recordAudit } from '@/lib/audit/record'
import { db } from '@/lib/db/client'
import { env } from '@/lib/env'
import type { Prisma } from '@/lib/generated/prisma/client'
import { problem, problemDetail, problemTitle } from '@/lib/http/problem'
import type { NodeCaller } from '@/lib/nodes/authenticate'
import { effectiveGrantsForNode } from '@/lib/nodes/grants'
import { compareVersions } from '@/lib/nodes/health'
import { ProblemResponse } from './handler'
import type { z } from 'zod'
import type { connectivityTestRequestSchema, heartbeatRequestSchema } from './schemas'

/** Clocks differ: a test reported up to this far in the node's future is accepted as now. */
const CLOCK_SKEW_MS = 60_000

/** Records what the node says about itself; the DGD nodes page reads it. */
export async function recordHeartbeat(
  caller: NodeCaller,
  heartbeat: z.output<typeof heartbeatRequestSchema>,
  now: Date,
) {
  await db.node.update({
    where: { id: caller.nodeId },
    data: {
      version: heartbeat.version,
      hostName: heartbeat.hostName,
      uptimeSeconds: heartbeat.uptimeSeconds,
      selfChecks: heartbeat.selfChecks as Prisma.InputJsonValue,
      lastHeartbeatAt: now,
    },
    select: { id: true },
  })
  const minimumNodeVersion = env.NODE_MIN_VERSION
  return {
    receivedAt: now.toISOString(),
    minimumNodeVersion,
    updateRequired: compareVersions(heartbeat.version, minimumNodeVersion) < 0,
  }
}

/**
 * Stores a test the node ran, on the case whose grant lets this node call the service in its own
 * environment (the most recent such grant); a service it has no effective grant for is refused (403).
 */
export async function recordConnectivityTest(
  caller: NodeCaller,
  report: z.output<typeof connectivityTestRequestSchema>,
  now: Date,
) {
  const ranAt = new Date(report.ranAt)
  if (ranAt.getTime() > now.getTime() + CLOCK_SKEW_MS) {
    throw new ProblemResponse(
      problem(422, problemTitle(422), problemDetail('validation'), {
        errors: [{ pointer: '/ranAt', detail: problemDetail('testInFuture') }],
      }),
    )
  }
  // The most recent effective grant of this node for the service, in the node's own environment.
  const grant = (await effectiveGrantsForNode(caller.nodeId, now))
    .filter((g) => g.environment === caller.environment && g.service.code === report.serviceCode)
    .at(-1)
  if (!grant) {
    throw new ProblemResponse(
      problem(403, problemTitle(403), problemDetail('serviceNotGranted', { service: report.serviceCode })),
    )
  }
  const test = await db.$transaction(async (tx) => {
    const created = await tx.connectivityTest.create({
      data: {
        caseId: grant.caseId,
        nodeId: caller.nodeId,
        source: 'NODE',
        ranAt,
        target: grant.endpoint ?? grant.service.code,
        outcome: report.outcome,
        latencyMs: report.latencyMs,
        notes: report.detail ?? null,
      },
      select: { id: true, ranAt: true, outcome: true, target: true },
    })
    // On the case's timeline like a declared test, with no person: the node reported it.
    await recordAudit(tx, {
      actorId: null,
      action: 'case.recordConnectivityTest',
      targetType: 'ConnectionCase',
      targetId: grant.caseId,
      institutionId: caller.institutionId,
      after: { outcome: created.outcome, target: created.target, source: 'NODE', nodeId: caller.nodeId },
    })
    return created
  })
  return {
    id: test.id,
    caseNumber: grant.caseNumber,
    serviceCode: grant.service.code,
    outcome: test.outcome,
    ranAt: test.ranAt.toISOString(),
    source: 'NODE' as const,
  }
}
