import { db } from '@/lib/db/client'
import type { CentralRole, MembershipRole, Principal } from './roles'

/** The signed-in person as every page, action and query sees them: identity plus active roles. */
export type Viewer = Omit<Principal, 'memberships' | 'centralRoles'> & {
  name: string
  run: string
  email: string | null
  memberships: { institutionId: string; institutionName: string; institutionShortName: string; role: MembershipRole }[]
  centralRoles: CentralRole[]
}

/** Loads a person's active roles; null when the person does not exist or is disabled. */
export async function loadViewer(personId: string): Promise<Viewer | null> {
  const person = await db.person.findUnique({
    where: { id: personId },
    select: {
      id: true,
      name: true,
      run: true,
      email: true,
      disabledAt: true,
      memberships: {
        where: { endedAt: null },
        orderBy: [{ institution: { name: 'asc' } }, { role: 'asc' }],
        select: { role: true, institution: { select: { id: true, name: true, shortName: true } } },
      },
      centralRoles: { where: { endedAt: null }, orderBy: { role: 'asc' }, select: { role: true } },
    },
  })
  if (!person || person.disabledAt) return null
  return {
    personId: person.id,
    name: person.name,
    run: person.run,
    email: person.email,
    memberships: person.memberships.map((m) => ({
      institutionId: m.institution.id,
      institutionName: m.institution.name,
      institutionShortName: m.institution.shortName,
      role: m.role,
    })),
    centralRoles: person.centralRoles.map((r) => r.role),
  }
}
