import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import { DateTimeCell, dateColumn, filterMeta } from '@/components/data-table/columns'
import { ServerDataTable, type ServerColumn } from '@/components/data-table/server-data-table'
import type { AuditRow } from '@/lib/audit/queries'
import type { AuditTarget } from '@/lib/audit/targets'
import type { MembershipRole } from '@/lib/auth/roles'
import { auditTableParams, type AuditTableParams } from '@/lib/audit/table-params'

function Json({ value }: { value: unknown }) {
  return (
    <pre className="max-w-md overflow-x-auto whitespace-pre-wrap break-all rounded bg-surface p-2 text-xs">
      {JSON.stringify(value, null, 2)}
    </pre>
  )
}

async function TargetCell({ target }: { target: AuditTarget }) {
  const t = await getTranslations('audit.targets')
  const tRoles = await getTranslations('roles')
  const values =
    target.kind === 'membership'
      ? { ...target.values, role: tRoles(`short.${target.values.role as MembershipRole}`) }
      : target.values
  const label = t(target.kind, values)
  return target.href ? <Link href={target.href}>{label}</Link> : <span>{label}</span>
}

export async function AuditTable({
  rows,
  rowCount,
  params,
}: {
  rows: AuditRow[]
  rowCount: number
  params: AuditTableParams
}) {
  const t = await getTranslations('audit')
  const columns: ServerColumn<AuditRow>[] = [
    { id: 'at', header: t('columns.at'), ...dateColumn, cell: (row) => <DateTimeCell value={row.at} /> },
    {
      id: 'actorName',
      header: t('columns.actor'),
      enableSorting: false,
      cell: (row) => row.actorName ?? t('system'),
    },
    {
      id: 'action',
      header: t('columns.action'),
      cell: (row) => t(`actions.${row.action as (typeof auditTableParams.filters.action)[number]}`),
      filter: filterMeta(t('columns.action'), auditTableParams.filters.action, (action) => t(`actions.${action}`)),
    },
    {
      id: 'target',
      header: t('columns.target'),
      enableSorting: false,
      cell: (row) => <TargetCell target={row.target} />,
    },
    {
      id: 'institutionName',
      header: t('columns.institution'),
      enableSorting: false,
      cell: (row) => row.institutionName ?? '—',
    },
    {
      id: 'changes',
      header: t('columns.changes'),
      enableSorting: false,
      cell: (row) => (
        <details>
          <summary className="cursor-pointer text-brand-700">{t('showChanges')}</summary>
          <div className="mt-2 grid gap-2">
            <div>
              <p className="text-xs font-semibold text-muted">{t('before')}</p>
              <Json value={row.before} />
            </div>
            <div>
              <p className="text-xs font-semibold text-muted">{t('after')}</p>
              <Json value={row.after} />
            </div>
          </div>
        </details>
      ),
    },
  ]
  return (
    <ServerDataTable
      rows={rows}
      rowCount={rowCount}
      columns={columns}
      definition={auditTableParams}
      params={params}
      pathname="/audit"
      searchPlaceholder={t('searchPlaceholder')}
      caption={t('caption')}
      emptyMessage={t('empty')}
      getRowId={(row) => row.id}
    />
  )
}
