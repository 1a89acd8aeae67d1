import { getTranslations } from 'next-intl/server'
import { getViewer } from '@/lib/auth/viewer'
import { listDataElements } from '@/lib/catalog/queries'
import { dataElementsParamsFrom } from '@/lib/catalog/table-params'
import { csvResponse, toCsv } from '@/lib/csv'
import { downloadRefusal } from '@/lib/http/download-errors'

/** The data directory as CSV, with the same search, filters and order as the page it was asked from. */
export async function GET(request: Request) {
  const viewer = await getViewer()
  if (!viewer) return downloadRefusal(401)
  const { params } = dataElementsParamsFrom(new URL(request.url).searchParams)
  const { rows } = await listDataElements(params, 20_000)
  const t = await getTranslations('catalog')
  const csv = toCsv(
    ['code', 'name', 'classification', 'responsible', 'services'].map((k) => t(`data.columns.${k as 'name'}`)),
    rows.map((r) => [r.code, r.name, t(`classification.${r.classification}`), r.responsibleName, r.services]),
  )
  return csvResponse('directorio-de-datos.csv', csv)
}
