'use client'

import Link from 'next/link'
import { useMemo } from 'react'
import { useTranslations } from 'next-intl'
import { DataTable } from '@/components/data-table/data-table'
import { createDataTableColumnHelper } from '@/components/data-table/data-table-features'
import { DateTimeCell, dateColumnMeta, filterMeta } from '@/components/data-table/columns'
import type { AuditRow } from '@/lib/audit/queries'
import type { AuditTarget } from '@/lib/audit/targets'
import type { MembershipRole } from '@/lib/auth/roles'
import { auditTableParams } from '@/lib/audit/table-params'

const column = createDataTableColumnHelper<AuditRow>()

function Json({ value }: { value: unknown }) {
  return (
    <pre className="max-w-md overflow-x-auto whitespace-pre-wrap break-all rounded bg-surface p-2 text-xs">
      {JSON.stringify(value, null, 2)}
    </pre>
  )
}

function TargetCell({ target }: { target: AuditTarget }) {
  const t = useTranslations('audit.targets')
  const tRoles = useTranslations('roles')
  const values =
    target.kind === 'membership'
      ? { ...target.values, role: tRoles(`short.${target.values.role as MembershipRole}`) }
      : target.values
  const label = t(target.kind, values)
  return target.href ? <Link href={target.href}>{label}</Link> : <span>{label}</span>
}

export function AuditTable({ rows, rowCount }: { rows: AuditRow[]; rowCount: number }) {
  const t = useTranslations('audit')
  const columns = useMemo(
    () =>
      column.columns([
        column.accessor('at', {
          header: t('columns.at'),
          cell: ({ getValue }) => <DateTimeCell value={getValue()} />,
          meta: dateColumnMeta,
        }),
        column.accessor('actorName', {
          header: t('columns.actor'),
          enableSorting: false,
          cell: ({ getValue }) => getValue() ?? t('system'),
        }),
        column.accessor('action', {
          header: t('columns.action'),
          cell: ({ getValue }) => t(`actions.${getValue() as (typeof auditTableParams.filters.action)[number]}`),
          meta: filterMeta(t('columns.action'), auditTableParams.filters.action, (action) => t(`actions.${action}`)),
        }),
        column.display({
          id: 'target',
          header: t('columns.target'),
          cell: ({ row }) => <TargetCell target={row.original.target} />,
        }),
        column.accessor('institutionName', {
          header: t('columns.institution'),
          enableSorting: false,
          cell: ({ getValue }) => getValue() ?? '—',
        }),
        column.display({
          id: 'changes',
          header: t('columns.changes'),
          cell: ({ row }) => (
            <details>
              <summary className="cursor-pointer text-brand-700">{t('showChanges')}</summary>
              <div className="mt-2 grid gap-2">
                <div>
                  <p className="text-xs font-semibold text-muted">{t('before')}</p>
                  <Json value={row.original.before} />
                </div>
                <div>
                  <p className="text-xs font-semibold text-muted">{t('after')}</p>
                  <Json value={row.original.after} />
                </div>
              </div>
            </details>
          ),
        }),
      ]),
    [t],
  )
  return (
    <DataTable
      data={rows}
      columns={columns}
      rowCount={rowCount}
      params={auditTableParams}
      searchPlaceholder={t('searchPlaceholder')}
      caption={t('caption')}
      emptyMessage={t('empty')}
      getRowId={(row) => row.id}
    />
  )
}
