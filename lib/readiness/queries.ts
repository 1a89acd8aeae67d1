import 'server-only'
import { authorize, can } from '@/lib/auth/roles'
import type { Viewer } from '@/lib/auth/viewer'
import { db } from '@/lib/db/client'
import { designatedNameShown } from '@/lib/institutions/queries'
import {
  cooperationStatus,
  readinessFactsOf,
  readinessOf,
  type CooperationStatus,
  type ReadinessResult,
} from './readiness'
import { todayInChile } from '@/lib/dates'

export type CooperationDocumentRow = { id: string; fileName: string; size: number; sha256: string; uploadedAt: Date }

export type CooperationDetail = {
  signedOn: Date
  segpresDecreeNumber: string
  segpresDecreeDate: Date
  institutionDecreeNumber: string
  institutionDecreeDate: Date
  /** Derived: the later approving decree. */
  inForceFrom: Date | null
  status: CooperationStatus
  availability: string
  criticalResolutionHours: number
  terminationNoticeOn: Date | null
  terminatesOn: Date | null
  /** Which party gave notice, and who recorded it in the portal, when. */
  terminationGivenBy: 'SEGPRES' | 'INSTITUTION' | null
  terminationRecordedBy: string | null
  terminationRecordedAt: Date | null
  documents: CooperationDocumentRow[]
}

export type ReadinessAttendance = {
  id: string
  personName: string
  title: string
  kind: 'CONSUMPTION' | 'PROVISION'
  heldOn: Date
}

export type Readiness = {
  items: ReadinessResult
  cooperation: CooperationDetail | null
  /** Names of the current designations, by role. */
  technicalAdmins: string[]
  businessAdmins: string[]
  attendances: ReadinessAttendance[]
  canManage: boolean
}

/**
 * An institution's readiness: for its own members and central staff (DGD and auditors), like the
 * member details of getInstitution. Throws ForbiddenError for anyone else; null if no such institution.
 */
export async function getReadiness(viewer: Viewer, institutionId: string, now = new Date()): Promise<Readiness | null> {
  authorize(viewer, 'readiness.read', institutionId)
  const institution = await db.institution.findUnique({
    where: { id: institutionId },
    select: {
      cooperationAgreement: {
        select: {
          signedOn: true,
          segpresDecreeNumber: true,
          segpresDecreeDate: true,
          institutionDecreeNumber: true,
          institutionDecreeDate: true,
          availability: true,
          criticalResolutionHours: true,
          terminationNoticeOn: true,
          terminatesOn: true,
          terminationGivenBy: true,
          terminationRecordedAt: true,
          terminationRecordedBy: { select: { name: true } },
          documents: {
            orderBy: { uploadedAt: 'asc' },
            select: { id: true, fileName: true, size: true, sha256: true, uploadedAt: true },
          },
        },
      },
      memberships: {
        where: { endedAt: null },
        orderBy: { person: { name: 'asc' } },
        select: { role: true, designatedName: true, person: { select: { id: true, name: true } } },
      },
      trainingAttendances: {
        orderBy: [{ workshop: { heldOn: 'desc' } }, { recordedAt: 'desc' }],
        select: {
          id: true,
          person: { select: { name: true } },
          workshop: { select: { kind: true, title: true, heldOn: true } },
        },
      },
    },
  })
  if (!institution) return null
  const c = institution.cooperationAgreement
  const today = todayInChile(now)
  const facts = readinessFactsOf({
    cooperation: c,
    designatedRoles: institution.memberships.map((m) => m.role),
    trainingKindsAttended: institution.trainingAttendances.map((a) => a.workshop.kind),
  })
  const namesOf = (role: string) =>
    institution.memberships
      .filter((m) => m.role === role)
      .map((m) => designatedNameShown(viewer, m.person.id, m.designatedName) ?? m.person.name)
  return {
    items: readinessOf(facts, today),
    cooperation: c && {
      ...c,
      terminationRecordedBy: c.terminationRecordedBy?.name ?? null,
      inForceFrom: facts.cooperation?.inForceFrom ?? null,
      status: cooperationStatus(facts.cooperation, today),
    },
    technicalAdmins: namesOf('TECHNICAL_ADMIN'),
    businessAdmins: namesOf('BUSINESS_ADMIN'),
    attendances: institution.trainingAttendances.map((a) => ({
      id: a.id,
      personName: a.person.name,
      title: a.workshop.title,
      kind: a.workshop.kind,
      heldOn: a.workshop.heldOn,
    })),
    canManage: can(viewer, 'readiness.manage', institutionId),
  }
}

/**
 * One PDF of the institution's convenio, for the download route: the institution's members and
 * central staff. Throws ForbiddenError for anyone else, before looking the document up.
 */
export async function getCooperationDocument(viewer: Viewer, institutionId: string, documentId: string) {
  authorize(viewer, 'readiness.read', institutionId)
  return db.document.findFirst({
    where: { id: documentId, cooperationAgreement: { institutionId } },
    select: { fileName: true, contentType: true, content: true, sha256: true },
  })
}
