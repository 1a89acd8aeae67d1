'use client'

import Link from 'next/link'
import { useMemo } from 'react'
import { useTranslations } from 'next-intl'
import { DataTable } from '@/components/data-table/data-table'
import { createDataTableColumnHelper } from '@/components/data-table/data-table-features'
import { CalendarDateCell, dateColumnMeta, filterMeta } from '@/components/data-table/columns'
import { Badge } from '@/components/ui/badge'
import type { WorkshopRow } from '@/lib/trainings/queries'
import { workshopsTableParams } from '@/lib/trainings/table-params'

const column = createDataTableColumnHelper<WorkshopRow>()

export function WorkshopsTable({ rows, rowCount }: { rows: WorkshopRow[]; rowCount: number }) {
  const t = useTranslations('trainings')
  const columns = useMemo(
    () =>
      column.columns([
        column.accessor('title', {
          header: t('columns.title'),
          cell: ({ row }) => (
            <Link href={`/trainings/${row.original.id}`} className="font-medium">
              {row.original.title}
            </Link>
          ),
        }),
        column.accessor('kind', {
          header: t('columns.kind'),
          cell: ({ getValue }) => (
            <Badge tone={getValue() === 'CONSUMPTION' ? 'brand' : 'neutral'}>{t(`kind.${getValue()}`)}</Badge>
          ),
          meta: filterMeta(t('columns.kind'), workshopsTableParams.filters.kind, (kind) => t(`kind.${kind}`)),
        }),
        column.accessor('heldOn', {
          header: t('columns.heldOn'),
          cell: ({ getValue }) => <CalendarDateCell value={getValue()} />,
          meta: dateColumnMeta,
        }),
        column.accessor('attendeeCount', {
          header: t('columns.attendees'),
          enableSorting: false,
          meta: { align: 'end' },
        }),
      ]),
    [t],
  )
  return (
    <DataTable
      data={rows}
      columns={columns}
      rowCount={rowCount}
      params={workshopsTableParams}
      searchPlaceholder={t('searchPlaceholder')}
      caption={t('caption')}
      emptyMessage={t('empty')}
      getRowId={(row) => row.id}
    />
  )
}
