import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import { Badge } from '@/components/ui/badge'
import { formatDateTime } from '@/lib/dates'
import { issueCredentialAction, revokeCredentialAction, revokeNodeAction } from '@/lib/nodes/actions'
import type { InstitutionNodes } from '@/lib/nodes/queries'
import { issueLabels, revokeCredentialLabels, revokeNodeLabels } from './node-control-labels'
import { IssueCredential, RevokeCredential, RevokeNode } from './node-controls'

/** The nodes section of an institution's page: its nodes, their grants and credentials. */
export async function InstitutionNodesSection({ data }: { data: InstitutionNodes }) {
  const t = await getTranslations('nodes')
  return (
    <section id="nodes" aria-labelledby="nodes-title" className="space-y-3 rounded-md border border-line bg-white p-5">
      <h2 id="nodes-title" className="text-lg font-semibold">
        {t('section.title')}
      </h2>
      <p className="text-sm text-muted">{t('section.description')}</p>
      {data.nodes.length === 0 ? (
        <p className="text-sm text-muted">{t('section.empty')}</p>
      ) : (
        <ul className="space-y-4">
          {data.nodes.map((node) => {
            const hasUsable = node.credentials.some((c) => c.usable)
            return (
              <li
                key={node.id}
                className="space-y-3 rounded-md border border-line p-4"
                data-testid={`node-${node.name}`}
              >
                <div className="flex flex-wrap items-center gap-2">
                  <h3 className="font-mono font-semibold">{node.name}</h3>
                  <Badge tone={node.environment === 'PRODUCTION' ? 'success' : 'brand'}>
                    {t(`environment.${node.environment}`)}
                  </Badge>
                  {node.revokedAt ? (
                    <Badge tone="danger">{t('revokedNode')}</Badge>
                  ) : (
                    <span className="text-sm text-muted">
                      {node.version ?? t('version.unknown')} ·{' '}
                      {node.lastHeartbeatAt ? formatDateTime(node.lastHeartbeatAt) : t('heartbeat.never')}
                    </span>
                  )}
                </div>
                {node.revocationReason && <p className="text-sm text-danger-700">{node.revocationReason}</p>}

                <div className="text-sm">
                  <h4 className="font-semibold">{t('section.grants')}</h4>
                  {node.grants.length === 0 ? (
                    <p className="text-muted">{t('section.grantsNone')}</p>
                  ) : (
                    <ul className="space-y-1">
                      {node.grants.map((g) => (
                        <li key={g.id} className="flex flex-wrap items-center gap-2">
                          <Badge tone={g.state.effective ? 'success' : 'danger'}>
                            {g.state.effective ? t('section.grantEffective') : t('section.grantStopped')}
                          </Badge>
                          <Link href={`/connections/${g.caseId}`}>
                            {t('section.caseLink', {
                              number: g.caseNumber,
                              service: g.serviceName,
                              provider: g.providerName,
                            })}
                          </Link>
                          {!g.state.effective && (
                            <span className="text-muted">{g.endReason ?? t(`stopReason.${g.state.reason}`)}</span>
                          )}
                        </li>
                      ))}
                    </ul>
                  )}
                </div>

                <div className="text-sm">
                  <h4 className="font-semibold">{t('section.credentials')}</h4>
                  {node.credentials.length === 0 ? (
                    <p className="text-muted">{t('section.credentialsNone')}</p>
                  ) : (
                    <ul className="space-y-1">
                      {node.credentials.map((c) => (
                        <li
                          key={c.id}
                          className="flex flex-wrap items-center gap-2"
                          data-testid={`credential-${c.keyId}`}
                        >
                          <Badge tone={c.usable ? (c.retiring ? 'warning' : 'success') : 'neutral'}>
                            {c.revokedAt
                              ? t('section.revoked')
                              : c.usable
                                ? t('section.usable')
                                : c.retiresAt
                                  ? t('section.retired')
                                  : t('section.expired')}
                          </Badge>
                          <span className="font-mono">{t('section.keyId', { keyId: c.keyId })}</span>
                          <span className="text-muted">
                            {t('section.issuedAt', { date: formatDateTime(c.issuedAt) })},{' '}
                            {c.retiring
                              ? t('section.retiresAt', { date: formatDateTime(c.retiresAt!) })
                              : t('section.expiresAt', { date: formatDateTime(c.expiresAt) })}
                            {c.lastUsedAt && `, ${t('section.lastUsedAt', { date: formatDateTime(c.lastUsedAt) })}`}
                          </span>
                          {data.mayRevoke && !c.revokedAt && c.usable && (
                            <RevokeCredential
                              action={revokeCredentialAction.bind(null, c.id)}
                              labels={revokeCredentialLabels(t, node.name, c.keyId)}
                            />
                          )}
                        </li>
                      ))}
                    </ul>
                  )}
                </div>

                {!node.revokedAt && (
                  <div className="flex flex-wrap items-start gap-2">
                    {data.mayIssue && (
                      <IssueCredential
                        action={issueCredentialAction.bind(null, node.id)}
                        node={node.name}
                        rotating={hasUsable}
                        labels={issueLabels(t, node.name, hasUsable)}
                      />
                    )}
                    {data.mayRevoke && (
                      <RevokeNode
                        action={revokeNodeAction.bind(null, node.id)}
                        node={node.name}
                        labels={revokeNodeLabels(t, node.name)}
                      />
                    )}
                  </div>
                )}
              </li>
            )
          })}
        </ul>
      )}
      <p className="text-sm">
        {t.rich('section.apiDocs', {
          docs: (chunks) => (
            // eslint-disable-next-line @next/next/no-html-link-for-pages -- a route handler (the API reference), not a page: a full load
            <a href="/api/docs" className="underline">
              {chunks}
            </a>
          ),
        })}
      </p>
    </section>
  )
}
