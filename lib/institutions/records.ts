import type { Prisma } from '@/lib/generated/prisma/client'
import { normalizeRut } from '@/lib/chile/rut'
import { searchTextOf } from '@/lib/text/search'

export type NewInstitution = Omit<Prisma.InstitutionCreateInput, 'searchText' | 'memberships'>

/** The row to write for an institution: RUT normalized and search text derived, never typed by hand. */
export function institutionRecord(input: NewInstitution): Prisma.InstitutionCreateInput {
  const rut = normalizeRut(input.rut)
  if (!rut) throw new Error(`Invalid RUT for institution "${input.name}": ${input.rut}`)
  return { ...input, rut, searchText: searchTextOf(input.name, input.shortName, rut) }
}
