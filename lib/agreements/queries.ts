import 'server-only'
import type { Viewer } from '@/lib/auth/load-viewer'
import { caseStanding, mayInCase } from '@/lib/auth/roles'
import { agreementTermsSelect } from './document'
import { agreementPdfSha256, signedDocument } from './terms'
import { casePartiesSelect, casePartyNames, caseScope, caseSearchWords, searchWords } from '@/lib/connections/scope'
import type { AgreementStatus } from '@/lib/connections/workflow'
import { skipFor } from '@/lib/data-table/search-params'
import { db } from '@/lib/db/client'
import { todayInChile } from '@/lib/dates'
import type { Prisma } from '@/lib/generated/prisma/client'
import { effectiveAgreementStatus } from './status'
import type { AgreementsTableParams } from './table-params'

export type AgreementRow = {
  id: string
  caseId: string
  caseNumber: number
  kind: string
  status: AgreementStatus
  serviceName: string
  consumerName: string
  providerName: string
  requestedAt: Date
  endsOn: Date | null
  terminatesOn: Date | null
}

/**
 * The status filter works on the effective status: "in force" excludes those whose end or
 * termination date has passed, which are found under "expired" and "terminated".
 */
function statusWhere(statuses: AgreementStatus[], now: Date): Prisma.AgreementWhereInput {
  if (statuses.length === 0) return {}
  // The same rule as effectiveAgreementStatus: dates against today's date in Chile.
  const today = todayInChile(now)
  // Spelled out rather than `NOT: { terminatesOn: { lte: today } }`, whose SQL drops the rows with no termination date.
  const notTerminated: Prisma.AgreementWhereInput = { OR: [{ terminatesOn: null }, { terminatesOn: { gt: today } }] }
  const inForceNow: Prisma.AgreementWhereInput = {
    status: 'IN_FORCE',
    AND: [{ OR: [{ endsOn: null }, { endsOn: { gte: today } }] }, notTerminated],
  }
  return {
    OR: statuses.map((status): Prisma.AgreementWhereInput => {
      if (status === 'IN_FORCE') return inForceNow
      if (status === 'TERMINATED')
        return { OR: [{ status: 'TERMINATED' }, { status: 'IN_FORCE', terminatesOn: { lte: today } }] }
      if (status === 'EXPIRED')
        return { OR: [{ status: 'EXPIRED' }, { status: 'IN_FORCE', endsOn: { lt: today }, AND: [notTerminated] }] }
      return { status }
    }),
  }
}

/** Both parties' agreements (and all of them for DGD staff and auditors). */
export async function listAgreements(viewer: Viewer, params: AgreementsTableParams, now = new Date()) {
  // Each word may also match the agreement's purpose or procedure; its case's number, service and
  // parties as for cases. Accent-insensitive: all are matched on their folded search text.
  const words = caseSearchWords(params.q).map((caseWord, i): Prisma.AgreementWhereInput => ({
    OR: [{ case: caseWord }, { searchText: { contains: searchWords(params.q)[i] } }],
  }))
  const where: Prisma.AgreementWhereInput = {
    AND: [{ case: caseScope(viewer) }, statusWhere(params.filters.status, now), ...words],
  }
  const dir = params.sort.desc ? 'desc' : 'asc'
  const [rows, rowCount] = await Promise.all([
    db.agreement.findMany({
      where,
      orderBy: [{ [params.sort.id]: dir }, { id: 'asc' }],
      skip: skipFor(params),
      take: params.pageSize,
      select: {
        id: true,
        kind: true,
        status: true,
        requestedAt: true,
        endsOn: true,
        terminatesOn: true,
        case: {
          select: {
            id: true,
            number: true,
            ...casePartiesSelect,
          },
        },
      },
    }),
    db.agreement.count({ where }),
  ])
  return {
    rows: rows.map((a): AgreementRow => ({
      id: a.id,
      caseId: a.case.id,
      caseNumber: a.case.number,
      kind: a.kind,
      status: effectiveAgreementStatus(a, now),
      ...casePartyNames(a.case),
      requestedAt: a.requestedAt,
      endsOn: a.endsOn,
      terminatesOn: a.terminatesOn,
    })),
    rowCount,
  }
}

/** One agreement with its terms, signatures and documents; null when the viewer is not a party. */
export async function getAgreement(viewer: Viewer, id: string, now = new Date()) {
  const found = await db.agreement.findFirst({
    where: { AND: [{ id }, { case: caseScope(viewer) }] },
    select: {
      id: true,
      ...agreementTermsSelect,
      status: true,
      rejectionReason: true,
      requestedAt: true,
      decidedAt: true,
      inForceFrom: true,
      terminationNoticeOn: true,
      terminatesOn: true,
      terminationReason: true,
      signatures: {
        orderBy: { signedAt: 'asc' },
        select: { party: true, signedAt: true, documentSha256: true, signedById: true },
      },
      documents: {
        orderBy: { uploadedAt: 'asc' },
        select: { id: true, fileName: true, size: true, sha256: true, uploadedAt: true },
      },
      case: {
        select: {
          id: true,
          number: true,
          consumerId: true,
          providerId: true,
          service: { select: { name: true } },
          consumer: { select: { name: true } },
          provider: { select: { name: true } },
        },
      },
    },
  })
  if (!found) return null
  const signers = new Map(
    (
      await db.person.findMany({
        where: { id: { in: found.signatures.map((s) => s.signedById) } },
        select: { id: true, name: true },
      })
    ).map((p) => [p.id, p.name]),
  )
  const effectiveStatus = effectiveAgreementStatus(found, now)
  const mayTerminate =
    effectiveStatus === 'IN_FORCE' &&
    !found.terminatesOn &&
    mayInCase(caseStanding(viewer, found.case), 'agreements.terminate')
  const pdfSha256 = await agreementPdfSha256(viewer, found.case.id)
  return {
    ...found,
    effectiveStatus,
    mayTerminate,
    pdfSha256,
    signatures: found.signatures.map((s) => ({
      ...s,
      signerName: signers.get(s.signedById) ?? null,
      document: signedDocument(s.documentSha256, pdfSha256, found.documents),
    })),
  }
}

export type AgreementDetail = NonNullable<Awaited<ReturnType<typeof getAgreement>>>

/** A document of an agreement the viewer is a party to. */
export async function getAgreementDocument(viewer: Viewer, agreementId: string, documentId: string) {
  return db.document.findFirst({
    where: { id: documentId, agreementId, agreement: { case: caseScope(viewer) } },
    select: { fileName: true, contentType: true, content: true },
  })
}
