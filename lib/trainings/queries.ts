import 'server-only'
import { authorize } from '@/lib/auth/roles'
import type { Viewer } from '@/lib/auth/viewer'
import { formatRut } from '@/lib/chile/rut'
import { skipFor } from '@/lib/data-table/search-params'
import { db } from '@/lib/db/client'
import type { Prisma } from '@/lib/generated/prisma/client'
import type { TrainingKind } from '@/lib/generated/prisma/enums'
import { foldForSearch } from '@/lib/text/search'
import type { WorkshopsTableParams } from './table-params'

export type WorkshopRow = { id: string; kind: TrainingKind; title: string; heldOn: Date; attendeeCount: number }

/**
 * Ids of the workshops whose title has every word of the search, accent-insensitive. Workshops are
 * a few dozen a year and have no folded search column, so their titles are matched here.
 */
async function idsMatching(q: string): Promise<string[] | null> {
  const words = foldForSearch(q).split(' ').filter(Boolean)
  if (words.length === 0) return null
  const all = await db.trainingWorkshop.findMany({ select: { id: true, title: true } })
  return all.filter((w) => words.every((word) => foldForSearch(w.title).includes(word))).map((w) => w.id)
}

/** DGD's list of workshops: the page of rows and how many match. */
export async function listWorkshops(viewer: Viewer, params: WorkshopsTableParams) {
  authorize(viewer, 'readiness.manage')
  const ids = await idsMatching(params.q)
  const where: Prisma.TrainingWorkshopWhereInput = {
    ...(ids ? { id: { in: ids } } : {}),
    ...(params.filters.kind.length ? { kind: { in: params.filters.kind } } : {}),
  }
  const dir = params.sort.desc ? 'desc' : 'asc'
  const [rows, rowCount] = await Promise.all([
    db.trainingWorkshop.findMany({
      where,
      orderBy: [{ [params.sort.id]: dir }, { heldOn: 'desc' }, { id: 'asc' }],
      skip: skipFor(params),
      take: params.pageSize,
      select: { id: true, kind: true, title: true, heldOn: true, _count: { select: { attendances: true } } },
    }),
    db.trainingWorkshop.count({ where }),
  ])
  return { rows: rows.map(({ _count, ...w }): WorkshopRow => ({ ...w, attendeeCount: _count.attendances })), rowCount }
}

export type WorkshopAttendee = {
  id: string
  personName: string
  run: string
  institutionId: string
  institutionName: string
  recordedAt: Date
}

/**
 * A workshop with who attended, and the institutions an attendee may be recorded for (those with
 * current members: only a member can attend for an institution).
 */
export async function getWorkshop(viewer: Viewer, id: string) {
  authorize(viewer, 'readiness.manage')
  const workshop = await db.trainingWorkshop.findUnique({
    where: { id },
    select: {
      id: true,
      kind: true,
      title: true,
      heldOn: true,
      attendances: {
        orderBy: [{ institution: { name: 'asc' } }, { person: { name: 'asc' } }],
        select: {
          id: true,
          recordedAt: true,
          person: { select: { name: true, run: true } },
          institution: { select: { id: true, name: true } },
        },
      },
    },
  })
  if (!workshop) return null
  const institutions = await db.institution.findMany({
    where: { memberships: { some: { endedAt: null } } },
    orderBy: { name: 'asc' },
    select: { id: true, name: true },
  })
  return {
    id: workshop.id,
    kind: workshop.kind,
    title: workshop.title,
    heldOn: workshop.heldOn,
    attendees: workshop.attendances.map((a): WorkshopAttendee => ({
      id: a.id,
      personName: a.person.name,
      run: formatRut(a.person.run),
      institutionId: a.institution.id,
      institutionName: a.institution.name,
      recordedAt: a.recordedAt,
    })),
    institutions,
  }
}

export type WorkshopDetail = NonNullable<Awaited<ReturnType<typeof getWorkshop>>>
