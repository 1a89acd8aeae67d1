import { notFound, redirect } from 'next/navigation'
import { connection } from 'next/server'
import { getTranslations } from 'next-intl/server'
import { demoSignInAction } from '@/lib/auth/actions'
import { isDemoMode, listDemoPeople, type DemoPerson } from '@/lib/auth/demo'
import { centralRoles, membershipRoles } from '@/lib/auth/roles'
import { getViewer } from '@/lib/auth/viewer'

export const metadata = { robots: { index: false } }

const roleOrder = [...membershipRoles, ...centralRoles, 'CITIZEN'] as const

export default async function DemoLoginPage() {
  // Demo mode is a property of the running server, never of the build.
  await connection()
  if (!isDemoMode()) notFound()
  if (await getViewer()) redirect('/')
  const t = await getTranslations('login')
  const tRoles = await getTranslations('roles')
  const people = await listDemoPeople()
  const byRole = (role: (typeof roleOrder)[number]): { person: DemoPerson; institution: string | null }[] =>
    role === 'CITIZEN'
      ? people.filter((p) => p.roles.length === 0).map((person) => ({ person, institution: null }))
      : people.flatMap((person) =>
          person.roles.filter((r) => r.role === role).map((r) => ({ person, institution: r.institution })),
        )

  return (
    <div>
      <h1 className="text-3xl font-bold">{t('demoPageTitle')}</h1>
      <p className="mt-3 text-muted">{t('demoPageIntro')}</p>
      <div className="mt-8 grid gap-6 md:grid-cols-2">
        {roleOrder.map((role) => {
          const entries = byRole(role)
          if (entries.length === 0) return null
          return (
            <section key={role} aria-labelledby={`role-${role}`} className="rounded-md border border-line bg-white p-5">
              <h2 id={`role-${role}`} className="font-semibold text-brand-800">
                {tRoles(role)}
              </h2>
              <ul className="mt-3 space-y-2">
                {entries.map(({ person, institution }) => (
                  <li key={`${person.id}-${institution}`}>
                    <form action={demoSignInAction} className="flex items-center justify-between gap-3">
                      <input type="hidden" name="personId" value={person.id} />
                      <span>
                        <span className="block font-medium">{person.name}</span>
                        {institution && <span className="block text-sm text-muted">{institution}</span>}
                      </span>
                      <button
                        type="submit"
                        aria-label={t('signInAs', { name: person.name })}
                        className="shrink-0 rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white hover:bg-brand-700"
                      >
                        {t('demoSignInButton')}
                      </button>
                    </form>
                  </li>
                ))}
              </ul>
            </section>
          )
        })}
      </div>
    </div>
  )
}
