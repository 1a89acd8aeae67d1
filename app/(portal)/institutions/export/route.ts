import { downloadRefusal } from '@/lib/http/download-errors'
import { getTranslations } from 'next-intl/server'
import { can } from '@/lib/auth/roles'
import { getViewer } from '@/lib/auth/viewer'
import { csvResponse, toCsv } from '@/lib/csv'
import { exportInstitutions } from '@/lib/institutions/queries'
import { institutionsTableParams } from '@/lib/institutions/table-params'

/** The registry as CSV, with the same search, filters and order as the page it was asked from. */
export async function GET(request: Request) {
  const viewer = await getViewer()
  if (!viewer || !can(viewer, 'institutions.browse')) return downloadRefusal(403)
  const params = institutionsTableParams.load(request)
  const rows = await exportInstitutions(viewer, params)
  const t = await getTranslations('institutions')
  const tCommon = await getTranslations('common')
  const csv = toCsv(
    [
      t('columns.name'),
      t('columns.shortName'),
      t('columns.rut'),
      t('columns.kind'),
      t('columns.group'),
      t('columns.region'),
      t('columns.pisee1'),
      t('columns.members'),
    ],
    rows.map((r) => [
      r.name,
      r.shortName,
      r.rut,
      t(`kind.${r.kind}`),
      r.group,
      r.region,
      r.pisee1 ? tCommon('yes') : tCommon('no'),
      r.memberCount,
    ]),
  )
  return csvResponse('instituciones.csv', csv)
}
