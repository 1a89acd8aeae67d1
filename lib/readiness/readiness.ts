import { cooperationInForceFrom } from '@/lib/connections/checklist'

export type ReadinessFacts = {
  now: Date
  cooperation: { segpresDecreeDate: Date; institutionDecreeDate: Date; terminatesOn: Date | null } | null
  designatedRoles: readonly string[]
  trainingKindsAttended: readonly string[]
}

export const readinessItems = ['cooperation', 'technicalAdmin', 'businessAdmin', 'consumptionTraining', 'provisionTraining'] as const
export type ReadinessItem = (typeof readinessItems)[number]

/** An institution's readiness at a glance: each item met or not, from the data. */
export function readinessOf(facts: ReadinessFacts): { item: ReadinessItem; met: boolean }[] {
  const inForceFrom = facts.cooperation
    ? cooperationInForceFrom(facts.cooperation.segpresDecreeDate, facts.cooperation.institutionDecreeDate)
    : null
  const cooperation =
    inForceFrom !== null && inForceFrom <= facts.now && (facts.cooperation?.terminatesOn == null || facts.cooperation.terminatesOn > facts.now)
  return [
    { item: 'cooperation', met: cooperation },
    { item: 'technicalAdmin', met: facts.designatedRoles.includes('TECHNICAL_ADMIN') },
    { item: 'businessAdmin', met: facts.designatedRoles.includes('BUSINESS_ADMIN') },
    { item: 'consumptionTraining', met: facts.trainingKindsAttended.includes('CONSUMPTION') },
    { item: 'provisionTraining', met: facts.trainingKindsAttended.includes('PROVISION') },
  ]
}
