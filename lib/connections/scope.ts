import type { Viewer } from '@/lib/auth/load-viewer'
import type { Prisma } from '@/lib/generated/prisma/client'
import { foldForSearch } from '@/lib/text/search'

/** Cases the viewer is a party to: their institutions' (either side), or all for central staff. */
export function caseScope(viewer: Viewer): Prisma.ConnectionCaseWhereInput {
  if (viewer.centralRoles.length > 0) return {}
  const ids = [...new Set(viewer.memberships.map((m) => m.institutionId))]
  return { OR: [{ consumerId: { in: ids } }, { providerId: { in: ids } }] }
}

/** The words of a search box, folded like the stored search text (no accents, lower case). */
export function searchWords(q: string): string[] {
  return foldForSearch(q).split(' ').filter(Boolean)
}

/**
 * A case search, accent-insensitive: every word must match the service, either institution or,
 * for a number, the case number. One condition per word, for the case or anything that has one.
 */
export function caseSearchWords(q: string): Prisma.ConnectionCaseWhereInput[] {
  return searchWords(q).map((word) => ({
    OR: [
      { service: { searchText: { contains: word } } },
      { consumer: { searchText: { contains: word } } },
      { provider: { searchText: { contains: word } } },
      ...(/^\d+$/.test(word) ? [{ number: Number(word) }] : []),
    ],
  }))
}

/** What a row of cases or agreements shows of its case's parties. */
export const casePartiesSelect = {
  service: { select: { name: true } },
  consumer: { select: { name: true } },
  provider: { select: { name: true } },
} satisfies Prisma.ConnectionCaseSelect

export function casePartyNames(c: Prisma.ConnectionCaseGetPayload<{ select: typeof casePartiesSelect }>) {
  return { serviceName: c.service.name, consumerName: c.consumer.name, providerName: c.provider.name }
}
