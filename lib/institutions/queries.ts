import 'server-only'
import { authorize, can, institutionsWhere, type Principal } from '@/lib/auth/roles'
import type { Viewer } from '@/lib/auth/viewer'
import { formatRut } from '@/lib/chile/rut'
import { skipFor } from '@/lib/data-table/search-params'
import { db } from '@/lib/db/client'
import type { Prisma } from '@/lib/generated/prisma/client'
import type { MembershipRole, Pisee2Stage } from '@/lib/generated/prisma/enums'
import { foldForSearch } from '@/lib/text/search'
import type { InstitutionFields } from './records'
import type { InstitutionsTableParams } from './table-params'

export type InstitutionRow = InstitutionFields & { id: string; memberCount: number }

function listWhere(params: Pick<InstitutionsTableParams, 'q' | 'filters'>): Prisma.InstitutionWhereInput {
  // Every word must match, in any order: "muni valpo" finds "Municipalidad de Valparaíso".
  const words = foldForSearch(params.q).split(' ').filter(Boolean)
  return {
    AND: words.map((word) => ({ searchText: { contains: word } })),
    ...(params.filters.group.length ? { group: { in: params.filters.group } } : {}),
    ...(params.filters.kind.length ? { kind: { in: params.filters.kind } } : {}),
  }
}

function listOrderBy(sort: InstitutionsTableParams['sort']): Prisma.InstitutionOrderByWithRelationInput[] {
  const dir = sort.desc ? 'desc' : 'asc'
  // Names sort in Spanish by their column's collation ("spanish", see the migration
  // spanish_search_and_sorting): accents and case do not move a name, and ñ comes after n.
  const primary: Prisma.InstitutionOrderByWithRelationInput =
    sort.id === 'region' ? { region: { sort: dir, nulls: 'last' } } : { [sort.id]: dir }
  // Ties broken by name and id so that pages never overlap or skip rows.
  return [primary, { name: 'asc' }, { id: 'asc' }]
}

/** The columns behind InstitutionFields, plus the id. */
const fieldsSelect = {
  id: true,
  name: true,
  shortName: true,
  rut: true,
  kind: true,
  group: true,
  region: true,
  pisee1: true,
} satisfies Prisma.InstitutionSelect

const rowSelect = {
  ...fieldsSelect,
  _count: { select: { memberships: { where: { endedAt: null } } } },
} satisfies Prisma.InstitutionSelect

type RowRecord = Prisma.InstitutionGetPayload<{ select: typeof rowSelect }>

function toRow({ _count, rut, ...institution }: RowRecord): InstitutionRow {
  return { ...institution, rut: formatRut(rut), memberCount: _count.memberships }
}

/** The registry is public to every portal role; the page of rows and the total that matches. */
export async function listInstitutions(viewer: Viewer, params: InstitutionsTableParams) {
  authorize(viewer, 'institutions.browse')
  const where = listWhere(params)
  const [rows, rowCount] = await Promise.all([
    db.institution.findMany({
      where,
      orderBy: listOrderBy(params.sort),
      skip: skipFor(params),
      take: params.pageSize,
      select: rowSelect,
    }),
    db.institution.count({ where }),
  ])
  return { rows: rows.map(toRow), rowCount }
}

/** Every institution that matches, for the CSV export (capped: the registry has a few hundred rows). */
export async function exportInstitutions(
  viewer: Viewer,
  params: Pick<InstitutionsTableParams, 'q' | 'filters' | 'sort'>,
) {
  authorize(viewer, 'institutions.browse')
  const rows = await db.institution.findMany({
    where: listWhere(params),
    orderBy: listOrderBy(params.sort),
    take: 10_000,
    select: rowSelect,
  })
  return rows.map(toRow)
}

export type InstitutionMember = {
  membershipId: string
  personId: string
  name: string
  /** Only for viewers who may read this institution's members in detail. */
  email: string | null
  /**
   * The person was designated by RUN by someone who could not see them: this viewer is shown the name
   * the designator typed and no e-mail (docs/decisions/010-designation-by-run.md).
   */
  nameAsDesignated: boolean
  run: string | null
  role: MembershipRole
  startedAt: Date
  endedAt: Date | null
  disabled: boolean
}

export type InstitutionDetail = InstitutionFields & {
  id: string
  pisee2Stage: Pisee2Stage
  members: InstitutionMember[]
  canReadMemberDetails: boolean
  canManageMembers: boolean
}

/**
 * An institution and its current members. Anyone who may browse sees names and roles (who to talk
 * to); e-mails, RUNs and ended designations only for the institution's own members and central staff.
 */
export async function getInstitution(viewer: Viewer, id: string): Promise<InstitutionDetail | null> {
  authorize(viewer, 'institutions.browse')
  const mayReadDetails = can(viewer, 'members.read', id)
  const institution = await db.institution.findUnique({
    where: { id },
    select: {
      ...fieldsSelect,
      pisee2Stage: true,
      memberships: {
        where: mayReadDetails ? {} : { endedAt: null },
        orderBy: [{ endedAt: { sort: 'desc', nulls: 'first' } }, { role: 'asc' }, { person: { name: 'asc' } }],
        select: {
          id: true,
          role: true,
          startedAt: true,
          endedAt: true,
          designatedName: true,
          person: { select: { id: true, name: true, email: true, run: true, disabledAt: true } },
        },
      },
    },
  })
  if (!institution) return null
  const { memberships, rut, ...rest } = institution
  return {
    ...rest,
    rut: formatRut(rut),
    canReadMemberDetails: mayReadDetails,
    canManageMembers: can(viewer, 'members.manage', id),
    members: memberships.map((m) => {
      const designatedName = designatedNameShown(viewer, m.person.id, m.designatedName)
      return {
        membershipId: m.id,
        personId: m.person.id,
        name: designatedName ?? m.person.name,
        email: mayReadDetails && designatedName === null ? m.person.email : null,
        nameAsDesignated: designatedName !== null,
        run: mayReadDetails ? formatRut(m.person.run) : null,
        role: m.role,
        startedAt: m.startedAt,
        endedAt: m.endedAt,
        disabled: m.person.disabledAt !== null,
      }
    }),
  }
}

/**
 * The name a designation shows instead of the person's own record, or null for the person's own: a
 * designation by RUN of someone the designator could not see shows the name typed to everyone but the
 * person and staff who may read every institution's members.
 */
export function designatedNameShown(viewer: Principal, personId: string, designatedName: string | null) {
  if (designatedName === null || viewer.personId === personId) return null
  return institutionsWhere(viewer, 'members.read') === 'all' ? null : designatedName
}
