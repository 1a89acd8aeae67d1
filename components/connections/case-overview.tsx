import { getTranslations } from 'next-intl/server'
import { AgreementSignatures } from '@/components/agreements/agreement-signatures'
import { agreementTermText, serviceLevelsText } from '@/components/agreements/agreement-terms-text'
import { Badge } from '@/components/ui/badge'
import Link from 'next/link'
import { revokeGrantAction } from '@/lib/connections/actions'
import { RevokeGrantButton } from './node-controls'
import type { CaseDetail } from '@/lib/connections/queries'
import { formatCalendarDate, formatDateTime } from '@/lib/dates'

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="rounded-md border border-line bg-white p-5">
      <h2 id={id} className="text-lg font-semibold">
        {title}
      </h2>
      <div className="mt-3 space-y-3 text-sm">{children}</div>
    </section>
  )
}

function Facts({ items }: { items: [string, React.ReactNode][] }) {
  return (
    <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-2">
      {items.map(([label, value]) => (
        <div key={label}>
          <dt className="text-muted">{label}</dt>
          <dd className="whitespace-pre-line font-medium">{value}</dd>
        </div>
      ))}
    </dl>
  )
}

export async function CaseOverview({ detail, mayRevoke }: { detail: CaseDetail; mayRevoke: boolean }) {
  const t = await getTranslations('connections')
  const tAgreements = await getTranslations('agreements')
  const tNodes = await getTranslations('nodes')
  const agreement = detail.agreement

  return (
    <div className="space-y-6">
      <Section id="parties-title" title={t('detail.parties')}>
        <Facts
          items={[
            [t('detail.consumer'), detail.consumer.name],
            [t('detail.provider'), detail.provider.name],
            [t('detail.service'), `${detail.service.name} (${detail.service.code})`],
            [t('detail.requesterRole'), t(`requesterRole.${detail.requesterRole}`)],
            [t('detail.needs'), detail.needs],
            [t('detail.preferredDates'), detail.preferredDates.map(formatCalendarDate).join(', ')],
            [t('detail.assignedReviewer'), detail.assignedReviewer?.name ?? t('detail.unassigned')],
          ]}
        />
      </Section>

      <Section id="meeting-title" title={t('detail.meeting')}>
        {detail.meetingAt ? (
          <Facts
            items={[
              [t('detail.meetingAt'), formatDateTime(detail.meetingAt)],
              [
                t('detail.meetingLink'),
                detail.meetingLink ? <a href={detail.meetingLink}>{detail.meetingLink}</a> : '—',
              ],
              ...(detail.meetingNotes
                ? ([[t('detail.meetingNotes'), detail.meetingNotes]] as [string, React.ReactNode][])
                : []),
            ]}
          />
        ) : (
          <p className="text-muted">{t('detail.meetingPending')}</p>
        )}
      </Section>

      <Section id="agreement-title" title={t('detail.agreement')}>
        {!detail.service.requiresAgreement ? (
          <p className="text-muted">{t('detail.agreementNotRequired')}</p>
        ) : !agreement ? (
          <p className="text-muted">{t('detail.agreementNone')}</p>
        ) : (
          <>
            <p>
              <Badge
                tone={
                  agreement.effectiveStatus === 'IN_FORCE'
                    ? 'success'
                    : agreement.effectiveStatus === 'REJECTED'
                      ? 'danger'
                      : 'warning'
                }
              >
                {t(`agreementStatus.${agreement.effectiveStatus}`)}
              </Badge>{' '}
              {t(`agreementKind.${agreement.kind}`)}
            </p>
            <Facts
              items={[
                [t('detail.legalBasis'), agreement.legalBasis],
                [t('detail.purpose'), agreement.purpose],
                [t('detail.procedure'), agreement.procedure],
                [t('detail.dataRequested'), agreement.dataRequested],
                [t('detail.expectedVolume'), agreement.expectedVolume],
                [tAgreements('columns.endsOn'), await agreementTermText(agreement.term)],
                ...(agreement.serviceLevels
                  ? ([[t('detail.serviceLevels'), await serviceLevelsText(agreement.serviceLevels)]] as [
                      string,
                      React.ReactNode,
                    ][])
                  : []),
                ...(agreement.rejectionReason
                  ? ([[t('detail.rejectionReason'), agreement.rejectionReason]] as [string, React.ReactNode][])
                  : []),
              ]}
            />
            {agreement.status !== 'REQUESTED' && agreement.status !== 'REJECTED' && (
              <div>
                <h3 className="font-semibold">{t('detail.signatures')}</h3>
                <AgreementSignatures
                  caseId={detail.id}
                  signatures={agreement.signatures}
                  pdfSha256={agreement.pdfSha256}
                />
              </div>
            )}
          </>
        )}
      </Section>

      <Section id="nodes-title" title={t('detail.nodes')}>
        {detail.grants.length === 0 ? (
          <p className="text-muted">{t('detail.nodesNone')}</p>
        ) : (
          <ul className="space-y-3">
            {detail.grants.map((grant) => {
              const environment = t(`detail.environment.${grant.environment}`)
              return (
                <li key={grant.id} className="space-y-1" data-testid={`grant-${grant.environment}`}>
                  <div className="flex flex-wrap items-center gap-2">
                    <Badge tone={grant.environment === 'PRODUCTION' ? 'success' : 'brand'}>{environment}</Badge>
                    <span className="font-mono">{grant.node.name}</span>
                    <span>{t('detail.grantedAt', { date: formatDateTime(grant.grantedAt) })}</span>
                    {grant.revokedAt ? (
                      <Badge tone="danger">{t('detail.revoked', { date: formatDateTime(grant.revokedAt) })}</Badge>
                    ) : grant.node.revokedAt ? (
                      <Badge tone="danger">
                        {t('detail.nodeRevoked', { date: formatDateTime(grant.node.revokedAt) })}
                      </Badge>
                    ) : (
                      mayRevoke && (
                        <RevokeGrantButton
                          action={revokeGrantAction.bind(null, detail.id, grant.id)}
                          labels={revokeGrantLabels(t, grant.node.name, environment.toLocaleLowerCase('es-CL'))}
                        />
                      )
                    )}
                  </div>
                  {!grant.state.effective && (
                    <p className="text-danger-700" data-testid="access-stopped">
                      {t('detail.accessStopped', {
                        reason:
                          grant.endReason ?? grant.node.revocationReason ?? tNodes(`stopReason.${grant.state.reason}`),
                      })}
                    </p>
                  )}
                </li>
              )
            })}
          </ul>
        )}
        {detail.mayIssueCredential && detail.grants.some((g) => !g.revokedAt && !g.node.revokedAt) && (
          <p className="rounded-md border border-line bg-surface p-3">
            {t.rich('detail.credentialWhere', {
              institution: (chunks) => <Link href={`/institutions/${detail.consumerId}#nodes`}>{chunks}</Link>,
              docs: (chunks) => (
                // eslint-disable-next-line @next/next/no-html-link-for-pages -- a route handler (the API reference), not a page: a full load
                <a href="/api/docs" className="underline">
                  {chunks}
                </a>
              ),
            })}
          </p>
        )}
      </Section>

      <Section id="tests-title" title={t('detail.tests')}>
        {detail.tests.length === 0 ? (
          <p className="text-muted">{t('detail.testsNone')}</p>
        ) : (
          <ul className="space-y-2">
            {detail.tests.map((test) => (
              <li key={test.id} className="flex flex-wrap items-center gap-2">
                <Badge tone={test.outcome === 'PASSED' ? 'success' : 'danger'}>
                  {t(`detail.outcome.${test.outcome}`)}
                </Badge>
                <Badge tone={test.source === 'NODE' ? 'brand' : 'neutral'}>
                  {t(`detail.testSource.${test.source}`)}
                </Badge>
                <span>{formatDateTime(test.ranAt)}</span>
                <span>{test.target}</span>
                {test.latencyMs !== null && (
                  <span className="text-muted">{t('detail.latency', { ms: test.latencyMs })}</span>
                )}
                {test.notes && <span className="text-muted">— {test.notes}</span>}
                {test.source === 'DECLARED' && <span className="text-muted">({t('detail.testDeclaredHint')})</span>}
              </li>
            ))}
          </ul>
        )}
      </Section>

      {detail.checklist && (
        <Section id="checklist-title" title={t('detail.checklist')}>
          <ul className="space-y-2" data-testid="promotion-checklist">
            {detail.checklist.map(({ item, met, notApplicable }) => (
              <li key={item} className="flex flex-wrap items-start gap-2">
                <Badge tone={met ? 'success' : 'danger'}>
                  {notApplicable ? t('checklistNotApplicable') : met ? t('checklistMet') : t('checklistUnmet')}
                </Badge>
                <span>
                  <span className="font-medium">{t(`checklistItem.${item}`)}</span>
                  {!met && <span className="block text-muted">{t(`checklistHowTo.${item}`)}</span>}
                </span>
              </li>
            ))}
          </ul>
        </Section>
      )}
    </div>
  )
}

/** The words of a grant's revoke control, translated here so that the case page ships no client i18n. */
function revokeGrantLabels(
  t: Awaited<ReturnType<typeof getTranslations<'connections'>>>,
  node: string,
  environment: string,
) {
  return {
    revokeLabel: t('detail.revokeLabel', { environment, node }),
    revokeConfirm: t('detail.revokeConfirm', { environment, node }),
    revokeSubmit: t('detail.revokeSubmit', { environment, node }),
    revokeCancel: t('detail.revokeCancel'),
  }
}
