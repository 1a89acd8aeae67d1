import 'server-only'
import { db } from '@/lib/db/client'

/**
 * An audit event's record as people name it ("Caso N° 8", an institution's convenio, a person), with
 * the page where it lives. `kind` is a key of the `audit.targets` catalog, `values` its placeholders;
 * a record that no longer exists falls back to its type and id, without a link.
 */
export type AuditTarget = {
  kind:
    | 'case'
    | 'agreement'
    | 'node'
    | 'grant'
    | 'credential'
    | 'membership'
    | 'person'
    | 'cooperationAgreement'
    | 'document'
    | 'workshop'
    | 'attendance'
    | 'traceChain'
    | 'unknown'
  values: Record<string, string | number>
  href: string | null
}

type EventRef = { targetType: string; targetId: string }

const idsOf = (events: EventRef[], type: string) => [
  ...new Set(events.filter((e) => e.targetType === type).map((e) => e.targetId)),
]
const byId = <T extends { id: string }>(rows: T[]) => new Map(rows.map((r) => [r.id, r]))

function grantTarget(g: { environment: string; caseId: string; case: { number: number } }): AuditTarget {
  return {
    kind: 'grant',
    values: { environment: g.environment, number: g.case.number },
    href: `/connections/${g.caseId}`,
  }
}

/** One query per record type present in `events`, never one per event. */
export async function describeAuditTargets(events: EventRef[]): Promise<AuditTarget[]> {
  const [
    cases,
    agreements,
    nodes,
    memberships,
    people,
    cooperations,
    documents,
    workshops,
    attendances,
    grants,
    credentials,
  ] = await Promise.all([
    db.connectionCase.findMany({
      where: { id: { in: idsOf(events, 'ConnectionCase') } },
      select: { id: true, number: true },
    }),
    db.agreement.findMany({
      where: { id: { in: idsOf(events, 'Agreement') } },
      select: { id: true, case: { select: { number: true } } },
    }),
    db.node.findMany({
      where: { id: { in: idsOf(events, 'Node') } },
      select: { id: true, environment: true, name: true, institutionId: true, institution: { select: { name: true } } },
    }),
    db.membership.findMany({
      where: { id: { in: idsOf(events, 'Membership') } },
      select: {
        id: true,
        role: true,
        institutionId: true,
        person: { select: { name: true } },
        institution: { select: { name: true } },
      },
    }),
    db.person.findMany({ where: { id: { in: idsOf(events, 'Person') } }, select: { id: true, name: true } }),
    db.cooperationAgreement.findMany({
      where: { id: { in: idsOf(events, 'CooperationAgreement') } },
      select: { id: true, institutionId: true, institution: { select: { name: true } } },
    }),
    db.document.findMany({
      where: { id: { in: idsOf(events, 'Document') } },
      select: {
        id: true,
        fileName: true,
        agreementId: true,
        cooperationAgreement: { select: { institutionId: true } },
      },
    }),
    db.trainingWorkshop.findMany({
      where: { id: { in: idsOf(events, 'TrainingWorkshop') } },
      select: { id: true, title: true },
    }),
    db.trainingAttendance.findMany({
      where: { id: { in: idsOf(events, 'TrainingAttendance') } },
      select: {
        id: true,
        workshopId: true,
        person: { select: { name: true } },
        workshop: { select: { title: true } },
      },
    }),
    // A grant's id is also the id of the per-case node it replaced (migration 20261130140945), so old
    // "Node" events still find their case.
    db.accessGrant.findMany({
      where: { id: { in: [...idsOf(events, 'AccessGrant'), ...idsOf(events, 'Node')] } },
      select: { id: true, environment: true, caseId: true, case: { select: { number: true } } },
    }),
    db.nodeCredential.findMany({
      where: { id: { in: idsOf(events, 'NodeCredential') } },
      select: { id: true, keyId: true, node: { select: { name: true, institutionId: true } } },
    }),
  ])
  const found = {
    ConnectionCase: byId(cases),
    Agreement: byId(agreements),
    Node: byId(nodes),
    Membership: byId(memberships),
    Person: byId(people),
    CooperationAgreement: byId(cooperations),
    Document: byId(documents),
    TrainingWorkshop: byId(workshops),
    TrainingAttendance: byId(attendances),
    AccessGrant: byId(grants),
    NodeCredential: byId(credentials),
  }

  return events.map(({ targetType, targetId }): AuditTarget => {
    const unknown: AuditTarget = { kind: 'unknown', values: { type: targetType, id: targetId }, href: null }
    switch (targetType) {
      case 'ConnectionCase': {
        const c = found.ConnectionCase.get(targetId)
        return c ? { kind: 'case', values: { number: c.number }, href: `/connections/${c.id}` } : unknown
      }
      case 'Agreement': {
        const a = found.Agreement.get(targetId)
        return a ? { kind: 'agreement', values: { number: a.case.number }, href: `/agreements/${a.id}` } : unknown
      }
      case 'Node': {
        const n = found.Node.get(targetId)
        if (n)
          return {
            kind: 'node',
            values: { environment: n.environment, name: n.name, institution: n.institution.name },
            href: `/institutions/${n.institutionId}#nodes`,
          }
        const g = found.AccessGrant.get(targetId)
        return g ? grantTarget(g) : unknown
      }
      case 'AccessGrant': {
        const g = found.AccessGrant.get(targetId)
        return g ? grantTarget(g) : unknown
      }
      case 'NodeCredential': {
        const c = found.NodeCredential.get(targetId)
        return c
          ? {
              kind: 'credential',
              values: { keyId: c.keyId, name: c.node.name },
              href: `/institutions/${c.node.institutionId}#nodes`,
            }
          : unknown
      }
      case 'Membership': {
        const m = found.Membership.get(targetId)
        return m
          ? {
              kind: 'membership',
              values: { person: m.person.name, role: m.role, institution: m.institution.name },
              href: `/institutions/${m.institutionId}/members`,
            }
          : unknown
      }
      case 'Person': {
        const p = found.Person.get(targetId)
        return p ? { kind: 'person', values: { person: p.name }, href: null } : unknown
      }
      case 'CooperationAgreement': {
        const c = found.CooperationAgreement.get(targetId)
        return c
          ? {
              kind: 'cooperationAgreement',
              values: { institution: c.institution.name },
              href: `/institutions/${c.institutionId}/readiness`,
            }
          : unknown
      }
      case 'Document': {
        const d = found.Document.get(targetId)
        if (!d) return unknown
        const href = d.agreementId
          ? `/agreements/${d.agreementId}`
          : d.cooperationAgreement
            ? `/institutions/${d.cooperationAgreement.institutionId}/readiness`
            : null
        return { kind: 'document', values: { fileName: d.fileName }, href }
      }
      case 'TrainingWorkshop': {
        const w = found.TrainingWorkshop.get(targetId)
        return w ? { kind: 'workshop', values: { title: w.title }, href: `/trainings/${w.id}` } : unknown
      }
      case 'TrainingAttendance': {
        const a = found.TrainingAttendance.get(targetId)
        return a
          ? {
              kind: 'attendance',
              values: { person: a.person.name, title: a.workshop.title },
              href: `/trainings/${a.workshopId}`,
            }
          : unknown
      }
      case 'TraceChain':
        // The day whose chain head was anchored (lib/traces/jobs.ts); auditors verify it there.
        return { kind: 'traceChain', values: { day: targetId }, href: '/traces/verify' }
      default:
        return unknown
    }
  })
}
