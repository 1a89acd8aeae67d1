import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import { CalendarDateCell, dateColumn, filterMeta } from '@/components/data-table/columns'
import { ServerDataTable, type ServerColumn } from '@/components/data-table/server-data-table'
import { Badge } from '@/components/ui/badge'
import type { WorkshopRow } from '@/lib/trainings/queries'
import { workshopsTableParams, type WorkshopsTableParams } from '@/lib/trainings/table-params'

export async function WorkshopsTable({
  rows,
  rowCount,
  params,
}: {
  rows: WorkshopRow[]
  rowCount: number
  params: WorkshopsTableParams
}) {
  const t = await getTranslations('trainings')
  const columns: ServerColumn<WorkshopRow>[] = [
    {
      id: 'title',
      header: t('columns.title'),
      cell: (row) => (
        <Link href={`/trainings/${row.id}`} className="font-medium">
          {row.title}
        </Link>
      ),
    },
    {
      id: 'kind',
      header: t('columns.kind'),
      cell: (row) => <Badge tone={row.kind === 'CONSUMPTION' ? 'brand' : 'neutral'}>{t(`kind.${row.kind}`)}</Badge>,
      filter: filterMeta(t('columns.kind'), workshopsTableParams.filters.kind, (kind) => t(`kind.${kind}`)),
    },
    {
      id: 'heldOn',
      header: t('columns.heldOn'),
      ...dateColumn,
      cell: (row) => <CalendarDateCell value={row.heldOn} />,
    },
    {
      id: 'attendeeCount',
      header: t('columns.attendees'),
      enableSorting: false,
      align: 'end',
      cell: (row) => row.attendeeCount,
    },
  ]
  return (
    <ServerDataTable
      rows={rows}
      rowCount={rowCount}
      columns={columns}
      definition={workshopsTableParams}
      params={params}
      pathname="/trainings"
      searchPlaceholder={t('searchPlaceholder')}
      caption={t('caption')}
      emptyMessage={t('empty')}
      getRowId={(row) => row.id}
    />
  )
}
