import { getTranslations } from 'next-intl/server'
import { Badge } from '@/components/ui/badge'
import { formatDate } from '@/lib/dates'
import type { InstitutionMember } from '@/lib/institutions/queries'

/**
 * The members of an institution. `actions` renders per-row controls (member management); e-mail and
 * RUN columns appear only when the query returned them for this viewer.
 */
export async function MembersList({
  members,
  showDetails,
  actions,
  caption,
}: {
  members: InstitutionMember[]
  showDetails: boolean
  actions?: (member: InstitutionMember) => React.ReactNode
  caption: string
}) {
  const t = await getTranslations('institutions.detail')
  const tRoles = await getTranslations('roles')
  return (
    <div className="overflow-x-auto rounded-md border border-line bg-white">
      <table className="w-full min-w-[40rem] text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-line bg-surface text-muted">
          <tr>
            <th scope="col" className="px-4 py-3 font-medium">
              {t('columns.name')}
            </th>
            <th scope="col" className="px-4 py-3 font-medium">
              {t('columns.role')}
            </th>
            {showDetails && (
              <th scope="col" className="px-4 py-3 font-medium">
                {t('columns.run')}
              </th>
            )}
            {showDetails && (
              <th scope="col" className="px-4 py-3 font-medium">
                {t('columns.email')}
              </th>
            )}
            <th scope="col" className="px-4 py-3 font-medium">
              {t('columns.since')}
            </th>
            <th scope="col" className="px-4 py-3 font-medium">
              {t('columns.status')}
            </th>
            {actions && (
              <th scope="col" className="px-4 py-3">
                <span className="sr-only">{t('columns.actions')}</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {members.map((member) => (
            <tr key={member.membershipId} className="border-b border-line last:border-0 align-top">
              <th scope="row" className="px-4 py-3 font-medium">
                {member.name}
                {member.nameAsDesignated && (
                  <span className="block text-xs font-normal text-muted">{t('nameAsDesignated')}</span>
                )}
              </th>
              <td className="px-4 py-3">{tRoles(member.role)}</td>
              {showDetails && <td className="whitespace-nowrap px-4 py-3">{member.run}</td>}
              {showDetails && (
                <td className="px-4 py-3">
                  {member.nameAsDesignated ? <span className="text-muted">{t('emailNotShown')}</span> : member.email}
                </td>
              )}
              <td className="whitespace-nowrap px-4 py-3">{formatDate(member.startedAt)}</td>
              <td className="px-4 py-3">
                <span className="flex flex-wrap gap-1">
                  {member.endedAt ? (
                    <Badge>{t('ended', { date: formatDate(member.endedAt) })}</Badge>
                  ) : (
                    <Badge tone="success">{t('active')}</Badge>
                  )}
                  {member.disabled && <Badge tone="danger">{t('disabled')}</Badge>}
                </span>
              </td>
              {actions && <td className="px-4 py-3">{actions(member)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
