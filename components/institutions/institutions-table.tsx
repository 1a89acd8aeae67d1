'use client'

import Link from 'next/link'
import { useMemo } from 'react'
import { useTranslations } from 'next-intl'
import { DataTable } from '@/components/data-table/data-table'
import { createDataTableColumnHelper } from '@/components/data-table/data-table-features'
import { filterMeta } from '@/components/data-table/columns'
import { Badge } from '@/components/ui/badge'
import type { InstitutionRow } from '@/lib/institutions/queries'
import { institutionsTableParams } from '@/lib/institutions/table-params'

const column = createDataTableColumnHelper<InstitutionRow>()

export function InstitutionsTable({
  rows,
  rowCount,
  exportHref,
}: {
  rows: InstitutionRow[]
  rowCount: number
  exportHref: string
}) {
  const t = useTranslations('institutions')
  const tCommon = useTranslations('common')

  const columns = useMemo(
    () =>
      column.columns([
        column.accessor('name', {
          header: t('columns.name'),
          cell: ({ row }) => (
            <Link href={`/institutions/${row.original.id}`} className="font-medium">
              {row.original.name}
            </Link>
          ),
        }),
        column.accessor('shortName', { header: t('columns.shortName') }),
        column.accessor('rut', {
          header: t('columns.rut'),
          enableSorting: false,
          meta: { className: 'whitespace-nowrap' },
        }),
        column.accessor('kind', {
          header: t('columns.kind'),
          cell: ({ getValue }) => t(`kind.${getValue()}`),
          meta: filterMeta(t('columns.kind'), institutionsTableParams.filters.kind, (kind) => t(`kind.${kind}`)),
        }),
        column.accessor('group', {
          header: t('columns.group'),
          cell: ({ getValue }) => <Badge tone="brand">{getValue()}</Badge>,
          meta: filterMeta(t('columns.group'), institutionsTableParams.filters.group, (group) => t(`group.${group}`)),
        }),
        column.accessor('region', {
          header: t('columns.region'),
          cell: ({ getValue }) => getValue() ?? tCommon('none'),
        }),
        column.accessor('pisee1', {
          header: t('columns.pisee1'),
          enableSorting: false,
          cell: ({ getValue }) => (getValue() ? tCommon('yes') : tCommon('no')),
        }),
        column.accessor('memberCount', { header: t('columns.members'), enableSorting: false, meta: { align: 'end' } }),
      ]),
    [t, tCommon],
  )

  return (
    <DataTable
      data={rows}
      columns={columns}
      rowCount={rowCount}
      params={institutionsTableParams}
      searchPlaceholder={t('searchPlaceholder')}
      caption={t('caption')}
      emptyMessage={t('empty')}
      getRowId={(row) => row.id}
      toolbarActions={
        <a
          href={exportHref}
          className="rounded-md border border-line bg-white px-3 py-2 text-sm font-medium no-underline hover:bg-brand-50 hover:no-underline"
        >
          {tCommon('exportCsv')}
        </a>
      }
    />
  )
}
