import type { Prisma } from '@/lib/generated/prisma/client'
import { normalizeRut } from '@/lib/chile/rut'
import { searchTextOf } from '@/lib/text/search'

import type { GradualityGroup, InstitutionKind } from '@/lib/generated/prisma/enums'

/** What describes an institution, as the registry shows it and the seed and factories write it. */
export type InstitutionFields = {
  name: string
  shortName: string
  rut: string
  kind: InstitutionKind
  group: GradualityGroup
  region: string | null
  pisee1: boolean
}

export type NewInstitution = InstitutionFields & Pick<Prisma.InstitutionCreateInput, 'pisee2Stage'>

/** The row to write for an institution: RUT normalized and search text derived, never typed by hand. */
export function institutionRecord(input: NewInstitution): Prisma.InstitutionCreateInput {
  const rut = normalizeRut(input.rut)
  if (!rut) throw new Error(`Invalid RUT for institution "${input.name}": ${input.rut}`)
  return { ...input, rut, searchText: searchTextOf(input.name, input.shortName, rut) }
}
