import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import { DateTimeCell, dateColumn, filterMeta } from '@/components/data-table/columns'
import { ServerDataTable, type ServerColumn } from '@/components/data-table/server-data-table'
import { Badge } from '@/components/ui/badge'
import type { NodeRow } from '@/lib/nodes/queries'
import { nodesTableParams, type NodesTableParams } from '@/lib/nodes/table-params'

export async function NodesTable({
  rows,
  rowCount,
  params,
}: {
  rows: NodeRow[]
  rowCount: number
  params: NodesTableParams
}) {
  const t = await getTranslations('nodes')

  const columns: ServerColumn<NodeRow>[] = [
    {
      id: 'institution',
      header: t('columns.institution'),
      cell: (row) => (
        <Link href={`/institutions/${row.institutionId}#nodes`} className="font-medium">
          {row.institution}
        </Link>
      ),
    },
    {
      id: 'name',
      header: t('columns.name'),
      cell: (row) => (
        <span className="font-mono">
          {row.name}
          {row.revoked && (
            <>
              {' '}
              <Badge tone="danger">{t('revokedNode')}</Badge>
            </>
          )}
        </span>
      ),
    },
    {
      id: 'environment',
      header: t('columns.environment'),
      enableSorting: false,
      cell: (row) => (
        <Badge tone={row.environment === 'PRODUCTION' ? 'success' : 'brand'}>
          {t(`environment.${row.environment}`)}
        </Badge>
      ),
      filter: filterMeta(t('filters.environment'), nodesTableParams.filters.environment, (e) => t(`environment.${e}`)),
    },
    {
      id: 'version',
      header: t('columns.version'),
      enableSorting: false,
      cell: (row) =>
        row.version === null ? (
          <span className="text-muted">{t('version.unknown')}</span>
        ) : row.outdated ? (
          <Badge tone="warning">{t('version.outdated', { version: row.version })}</Badge>
        ) : (
          row.version
        ),
    },
    {
      id: 'lastHeartbeatAt',
      header: t('columns.heartbeat'),
      ...dateColumn,
      cell: (row) => {
        const at = row.lastHeartbeatAt
        return (
          <span className="flex flex-wrap items-center gap-1">
            <Badge tone={row.heartbeat === 'recent' ? 'success' : row.heartbeat === 'stale' ? 'danger' : 'neutral'}>
              {t(`heartbeat.${row.heartbeat}`)}
            </Badge>
            {at && <DateTimeCell value={at} />}
          </span>
        )
      },
    },
    {
      id: 'credentialExpiresAt',
      header: t('columns.credentialExpiry'),
      ...dateColumn,
      cell: (row) => {
        const at = row.credentialExpiresAt
        if (!at) return <span className="text-muted">{t('noCredential')}</span>
        return row.expiring ? (
          <Badge tone="warning">
            <DateTimeCell value={at} />
          </Badge>
        ) : (
          <DateTimeCell value={at} />
        )
      },
    },
    { id: 'grants', header: t('columns.grants'), enableSorting: false, align: 'end', cell: (row) => row.grants },
    {
      id: 'health',
      header: t('columns.health'),
      enableSorting: false,
      cell: (row) => {
        if (row.revoked) return null
        const flags = [
          row.heartbeat !== 'recent' && 'stale',
          row.outdated && 'outdated',
          row.expiring && 'expiring',
        ].filter((f): f is 'stale' | 'outdated' | 'expiring' => Boolean(f))
        return (
          <span className="flex flex-wrap gap-1">
            {flags.map((f) => (
              <Badge key={f} tone="warning">
                {t(`filters.${f}`)}
              </Badge>
            ))}
          </span>
        )
      },
      filter: filterMeta(t('filters.health'), nodesTableParams.filters.health, (h) => t(`filters.${h}`)),
    },
  ]

  return (
    <ServerDataTable
      rows={rows}
      rowCount={rowCount}
      columns={columns}
      definition={nodesTableParams}
      params={params}
      pathname="/nodes"
      searchPlaceholder={t('searchPlaceholder')}
      caption={t('caption')}
      emptyMessage={t('empty')}
      getRowId={(row) => row.id}
    />
  )
}
