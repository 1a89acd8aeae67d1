import Link from 'next/link'
import { notFound } from 'next/navigation'
import { getTranslations } from 'next-intl/server'
import { AddMemberForm } from '@/components/institutions/add-member-form'
import { DisablePersonButton, EndMembershipButton } from '@/components/institutions/member-actions'
import { MembersList } from '@/components/institutions/members-list'
import { PageHeader } from '@/components/ui/page-header'
import { requireRecordId } from '@/lib/ids'
import { can, membershipRoles } from '@/lib/auth/roles'
import { requirePermission } from '@/lib/auth/viewer'
import { getInstitution } from '@/lib/institutions/queries'

export async function generateMetadata() {
  const t = await getTranslations('members')
  return { title: t('title') }
}

export default async function MembersPage({ params }: PageProps<'/institutions/[id]/members'>) {
  const id = requireRecordId((await params).id)
  // Another institution's CTD gets the 403 page; the actions below check again on their own.
  const viewer = await requirePermission('members.manage', id)
  const institution = await getInstitution(viewer, id)
  if (!institution) notFound()
  const t = await getTranslations('members')
  const tRoles = await getTranslations('roles')
  const mayDisable = can(viewer, 'people.disable')
  const current = institution.members.filter((m) => !m.endedAt)

  return (
    <div className="space-y-8">
      <PageHeader
        eyebrow={<Link href={`/institutions/${id}`}>{institution.name}</Link>}
        title={t('title')}
        description={t('description', { institution: institution.name })}
      />
      <section aria-labelledby="current-title" className="space-y-3">
        <h2 id="current-title" className="text-lg font-semibold">
          {t('current')}
        </h2>
        {current.length === 0 ? (
          <p className="rounded-md border border-line bg-white p-5 text-muted">{t('empty')}</p>
        ) : (
          <MembersList
            members={current}
            showDetails
            caption={t('current')}
            actions={(member) => (
              <div className="flex flex-col gap-2">
                <EndMembershipButton
                  membershipId={member.membershipId}
                  label={t('end.label', { name: member.name, role: tRoles(member.role) })}
                  submit={t('end.submit')}
                />
                {mayDisable && !member.disabled && member.personId !== viewer.personId && (
                  <DisablePersonButton
                    personId={member.personId}
                    labels={{
                      label: t('disable.label', { name: member.name }),
                      submit: t('disable.submit'),
                      confirm: t('disable.confirm', { name: member.name }),
                      confirmSubmit: t('disable.confirmSubmit'),
                      cancel: t('disable.cancel'),
                    }}
                  />
                )}
              </div>
            )}
          />
        )}
      </section>
      <section aria-labelledby="add-title" className="rounded-md border border-line bg-white p-5">
        <h2 id="add-title" className="mb-2 text-lg font-semibold">
          {t('add.title')}
        </h2>
        <AddMemberForm
          institutionId={id}
          labels={{
            intro: t('add.intro'),
            run: t('add.run'),
            runHint: t('add.runHint'),
            name: t('add.name'),
            email: t('add.email'),
            emailHint: t('add.emailHint'),
            role: t('add.role'),
            submit: t('add.submit'),
            submitting: t('add.submitting'),
            roles: membershipRoles.map((role) => ({ value: role, label: tRoles(role) })),
          }}
        />
      </section>
    </div>
  )
}
