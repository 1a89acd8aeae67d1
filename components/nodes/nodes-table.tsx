'use client'

import Link from 'next/link'
import { useMemo } from 'react'
import { useTranslations } from 'next-intl'
import { DataTable } from '@/components/data-table/data-table'
import { createDataTableColumnHelper } from '@/components/data-table/data-table-features'
import { DateTimeCell, dateColumnMeta, filterMeta } from '@/components/data-table/columns'
import { Badge } from '@/components/ui/badge'
import type { NodeRow } from '@/lib/nodes/queries'
import { nodesTableParams } from '@/lib/nodes/table-params'

const column = createDataTableColumnHelper<NodeRow>()

export function NodesTable({ rows, rowCount }: { rows: NodeRow[]; rowCount: number }) {
  const t = useTranslations('nodes')

  const columns = useMemo(
    () =>
      column.columns([
        column.accessor('institution', {
          header: t('columns.institution'),
          cell: ({ row }) => (
            <Link href={`/institutions/${row.original.institutionId}#nodes`} className="font-medium">
              {row.original.institution}
            </Link>
          ),
        }),
        column.accessor('name', {
          header: t('columns.name'),
          cell: ({ row }) => (
            <span className="font-mono">
              {row.original.name}
              {row.original.revoked && (
                <>
                  {' '}
                  <Badge tone="danger">{t('revokedNode')}</Badge>
                </>
              )}
            </span>
          ),
        }),
        column.accessor('environment', {
          header: t('columns.environment'),
          enableSorting: false,
          cell: ({ getValue }) => (
            <Badge tone={getValue() === 'PRODUCTION' ? 'success' : 'brand'}>{t(`environment.${getValue()}`)}</Badge>
          ),
          meta: filterMeta(t('filters.environment'), nodesTableParams.filters.environment, (e) =>
            t(`environment.${e}`),
          ),
        }),
        column.accessor('version', {
          header: t('columns.version'),
          enableSorting: false,
          cell: ({ row }) =>
            row.original.version === null ? (
              <span className="text-muted">{t('version.unknown')}</span>
            ) : row.original.outdated ? (
              <Badge tone="warning">{t('version.outdated', { version: row.original.version })}</Badge>
            ) : (
              row.original.version
            ),
        }),
        column.accessor('lastHeartbeatAt', {
          header: t('columns.heartbeat'),
          cell: ({ row }) => {
            const at = row.original.lastHeartbeatAt
            return (
              <span className="flex flex-wrap items-center gap-1">
                <Badge
                  tone={
                    row.original.heartbeat === 'recent'
                      ? 'success'
                      : row.original.heartbeat === 'stale'
                        ? 'danger'
                        : 'neutral'
                  }
                >
                  {t(`heartbeat.${row.original.heartbeat}`)}
                </Badge>
                {at && <DateTimeCell value={at} />}
              </span>
            )
          },
          meta: dateColumnMeta,
        }),
        column.accessor('credentialExpiresAt', {
          header: t('columns.credentialExpiry'),
          cell: ({ row }) => {
            const at = row.original.credentialExpiresAt
            if (!at) return <span className="text-muted">{t('noCredential')}</span>
            return row.original.expiring ? (
              <Badge tone="warning">
                <DateTimeCell value={at} />
              </Badge>
            ) : (
              <DateTimeCell value={at} />
            )
          },
          meta: dateColumnMeta,
        }),
        column.accessor('grants', { header: t('columns.grants'), enableSorting: false, meta: { align: 'end' } }),
        column.display({
          id: 'health',
          header: t('columns.health'),
          cell: ({ row }) => {
            const r = row.original
            if (r.revoked) return null
            const flags = [
              r.heartbeat !== 'recent' && 'stale',
              r.outdated && 'outdated',
              r.expiring && 'expiring',
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
          meta: filterMeta(t('filters.health'), nodesTableParams.filters.health, (h) => t(`filters.${h}`)),
        }),
      ]),
    [t],
  )

  return (
    <DataTable
      data={rows}
      columns={columns}
      rowCount={rowCount}
      params={nodesTableParams}
      searchPlaceholder={t('searchPlaceholder')}
      caption={t('caption')}
      emptyMessage={t('empty')}
      getRowId={(row) => row.id}
    />
  )
}
