import Link from 'next/link'
import { notFound } from 'next/navigation'
import { getTranslations } from 'next-intl/server'
import { InstitutionFacts } from '@/components/institutions/institution-facts'
import { MembersList } from '@/components/institutions/members-list'
import { ReadinessPanel } from '@/components/readiness/readiness-panel'
import { PageHeader } from '@/components/ui/page-header'
import { requireRecordId } from '@/lib/ids'
import { can } from '@/lib/auth/roles'
import { requirePermission } from '@/lib/auth/viewer'
import { getInstitution } from '@/lib/institutions/queries'
import { getReadiness } from '@/lib/readiness/queries'
import { InstitutionNodesSection } from '@/components/nodes/institution-nodes'
import { institutionNodes } from '@/lib/nodes/queries'

export async function generateMetadata({ params }: PageProps<'/institutions/[id]'>) {
  const viewer = await requirePermission('institutions.browse')
  const institution = await getInstitution(viewer, requireRecordId((await params).id))
  return { title: institution?.name }
}

export default async function InstitutionPage({ params }: PageProps<'/institutions/[id]'>) {
  const viewer = await requirePermission('institutions.browse')
  const institution = await getInstitution(viewer, requireRecordId((await params).id))
  if (!institution) notFound()
  // Readiness is the institution's own business: its members and central staff see it.
  const readiness = can(viewer, 'readiness.read', institution.id) ? await getReadiness(viewer, institution.id) : null
  // Nodes too: its administrators (CTD, technical, business) and central staff.
  const nodes = can(viewer, 'nodes.read', institution.id) ? await institutionNodes(viewer, institution.id) : null
  const t = await getTranslations('institutions.detail')

  return (
    <div className="space-y-6">
      <PageHeader
        eyebrow={<Link href="/institutions">{t('backToList')}</Link>}
        title={institution.name}
        description={institution.shortName}
        actions={
          institution.canManageMembers && (
            <Link
              href={`/institutions/${institution.id}/members`}
              className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white no-underline hover:bg-brand-700 hover:no-underline"
            >
              {t('manageMembers')}
            </Link>
          )
        }
      />
      <InstitutionFacts institution={institution} />
      {readiness && <ReadinessPanel institutionId={institution.id} readiness={readiness} />}
      {nodes && <InstitutionNodesSection data={nodes} />}
      <section aria-labelledby="members-title" className="space-y-3">
        <h2 id="members-title" className="text-lg font-semibold">
          {t('members')}
        </h2>
        {institution.members.length === 0 ? (
          <p className="rounded-md border border-line bg-white p-5 text-muted">{t('membersEmpty')}</p>
        ) : (
          <MembersList
            members={institution.members}
            showDetails={institution.canReadMemberDetails}
            caption={t('members')}
          />
        )}
      </section>
    </div>
  )
}
