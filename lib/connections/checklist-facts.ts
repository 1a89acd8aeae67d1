import type { Tx } from '@/lib/db/client'
import { loadReadinessFacts } from '@/lib/readiness/facts'
import type { ChecklistFacts } from './checklist'

/**
 * Reads, inside the caller's transaction, everything the promotion checklist is computed from: the
 * case's own facts here, the consumer institution's readiness as the readiness panel reads it.
 */
export async function loadChecklistFacts(tx: Tx, caseId: string, now: Date): Promise<ChecklistFacts> {
  const found = await tx.connectionCase.findUniqueOrThrow({
    where: { id: caseId },
    select: {
      consumerId: true,
      service: { select: { requiresAgreement: true } },
      agreement: { select: { status: true, endsOn: true, terminatesOn: true } },
      // Only tests the node ran and reported itself count; one a person typed in is shown as declared.
      tests: {
        where: { outcome: 'PASSED', source: 'NODE' },
        orderBy: { ranAt: 'desc' },
        take: 1,
        select: { ranAt: true },
      },
    },
  })
  const readiness = await loadReadinessFacts(tx, found.consumerId)
  if (!readiness) throw new Error(`Case ${caseId} has no consumer institution`)
  return {
    ...readiness,
    now,
    requiresAgreement: found.service.requiresAgreement,
    agreement: found.agreement,
    lastPassingTestAt: found.tests[0]?.ranAt ?? null,
  }
}
