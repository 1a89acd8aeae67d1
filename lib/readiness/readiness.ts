/**
 * An institution's readiness for PISEE 2 at a glance, computed from the data, never ticked by hand.
 * The facts are the same ones the production-promotion checklist (lib/connections/checklist.ts) reads,
 * judged the same way (`cooperationInForce` on today's date in Chile), so the panel and the checklist
 * can never disagree about the convenio.
 */

/** What readiness and the promotion checklist share: the convenio's dates, designations, trainings. */
export type ReadinessFacts = {
  /** The institution's convenio with SEGPRES, if it has one. */
  cooperation: { inForceFrom: Date | null; terminatesOn: Date | null } | null
  /** Its active designations. */
  designatedRoles: readonly string[]
  /** The training workshops it attended, by kind. */
  trainingKindsAttended: readonly string[]
}

/**
 * The convenio de cooperación is in force from the later of the two approving decrees (seeds/002),
 * for an indefinite term.
 */
export function cooperationInForceFrom(
  segpresDecreeDate: Date | null,
  institutionDecreeDate: Date | null,
): Date | null {
  if (!segpresDecreeDate || !institutionDecreeDate) return null
  return segpresDecreeDate > institutionDecreeDate ? segpresDecreeDate : institutionDecreeDate
}

/** Whether the convenio is in force on `today` (notice of termination given or not). */
export function cooperationInForce(cooperation: ReadinessFacts['cooperation'], today: Date): boolean {
  const status = cooperationStatus(cooperation, today)
  return status === 'inForce' || status === 'terminating'
}

/** The convenio's dates as stored; `inForceFrom` is derived from the two approving decrees. */
export type CooperationDates = {
  segpresDecreeDate: Date
  institutionDecreeDate: Date
  terminatesOn: Date | null
}

/** Turns stored records into the facts (pure; lib/readiness/facts.ts reads the records). */
export function readinessFactsOf(records: {
  cooperation: CooperationDates | null
  designatedRoles: readonly string[]
  trainingKindsAttended: readonly string[]
}): ReadinessFacts {
  const c = records.cooperation
  return {
    cooperation: c
      ? {
          inForceFrom: cooperationInForceFrom(c.segpresDecreeDate, c.institutionDecreeDate),
          terminatesOn: c.terminatesOn,
        }
      : null,
    designatedRoles: [...new Set(records.designatedRoles)],
    trainingKindsAttended: [...new Set(records.trainingKindsAttended)],
  }
}

export type CooperationStatus = 'none' | 'notYetInForce' | 'inForce' | 'terminating' | 'terminated'

/**
 * Where the convenio stands on `today` (a calendar date, midnight UTC): it rules from the later
 * approving decree, for an indefinite term, until the termination date fixed by a notice.
 */
export function cooperationStatus(cooperation: ReadinessFacts['cooperation'], today: Date): CooperationStatus {
  if (!cooperation || !cooperation.inForceFrom) return 'none'
  if (cooperation.terminatesOn && cooperation.terminatesOn <= today) return 'terminated'
  if (cooperation.inForceFrom > today) return 'notYetInForce'
  return cooperation.terminatesOn ? 'terminating' : 'inForce'
}

export const readinessItems = [
  'cooperation',
  'technicalAdmin',
  'businessAdmin',
  'consumptionTraining',
  'provisionTraining',
] as const
export type ReadinessItem = (typeof readinessItems)[number]

export type ReadinessResult = { item: ReadinessItem; met: boolean; status: string }[]

/** Each item met or not, with the status its one-line explanation is chosen by. */
export function readinessOf(facts: ReadinessFacts, today: Date): ReadinessResult {
  const cooperation = cooperationStatus(facts.cooperation, today)
  const designated = (role: string) =>
    facts.designatedRoles.includes(role) ? { met: true, status: 'designated' } : { met: false, status: 'missing' }
  const attended = (kind: string) =>
    facts.trainingKindsAttended.includes(kind) ? { met: true, status: 'attended' } : { met: false, status: 'missing' }
  return [
    { item: 'cooperation', met: cooperationInForce(facts.cooperation, today), status: cooperation },
    { item: 'technicalAdmin', ...designated('TECHNICAL_ADMIN') },
    { item: 'businessAdmin', ...designated('BUSINESS_ADMIN') },
    { item: 'consumptionTraining', ...attended('CONSUMPTION') },
    { item: 'provisionTraining', ...attended('PROVISION') },
  ]
}
