import type { Tx } from '@/lib/db/client'
import type { ChecklistFacts } from './checklist'
import { cooperationInForceFrom } from './checklist'

/** Reads, inside the caller's transaction, everything the promotion checklist is computed from. */
export async function loadChecklistFacts(tx: Tx, caseId: string, now: Date): Promise<ChecklistFacts> {
  const found = await tx.connectionCase.findUniqueOrThrow({
    where: { id: caseId },
    select: {
      consumerId: true,
      service: { select: { requiresAgreement: true } },
      agreement: { select: { status: true, endsOn: true } },
      tests: { where: { outcome: 'PASSED' }, orderBy: { ranAt: 'desc' }, take: 1, select: { ranAt: true } },
      consumer: {
        select: {
          memberships: { where: { endedAt: null }, select: { role: true } },
          trainingAttendances: { select: { workshop: { select: { kind: true } } } },
          cooperationAgreement: {
            select: { segpresDecreeDate: true, institutionDecreeDate: true, terminatesOn: true },
          },
        },
      },
    },
  })
  const cooperation = found.consumer.cooperationAgreement
  return {
    now,
    requiresAgreement: found.service.requiresAgreement,
    agreement: found.agreement,
    lastPassingTestAt: found.tests[0]?.ranAt ?? null,
    designatedRoles: [...new Set(found.consumer.memberships.map((m) => m.role))],
    trainingKindsAttended: [...new Set(found.consumer.trainingAttendances.map((a) => a.workshop.kind))],
    cooperation: cooperation
      ? {
          inForceFrom: cooperationInForceFrom(cooperation.segpresDecreeDate, cooperation.institutionDecreeDate),
          terminatesOn: cooperation.terminatesOn,
        }
      : null,
  }
}
