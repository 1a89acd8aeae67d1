import { getTranslations } from 'next-intl/server'
import { getViewer } from '@/lib/auth/viewer'
import { listSchemas } from '@/lib/catalog/queries'
import { schemasParamsFrom } from '@/lib/catalog/table-params'
import { csvResponse, toCsv } from '@/lib/csv'
import { downloadRefusal } from '@/lib/http/download-errors'

/** The schema catalog as CSV, with the same search, filters and order as the page it was asked from. */
export async function GET(request: Request) {
  const viewer = await getViewer()
  if (!viewer) return downloadRefusal(401)
  const { params } = schemasParamsFrom(new URL(request.url).searchParams)
  const { rows } = await listSchemas(viewer, params, 20_000)
  const t = await getTranslations('catalog')
  const csv = toCsv(
    ['code', 'name', 'owner', 'kind', 'format', 'status', 'services', 'updatedAt'].map((k) =>
      t(`schemas.columns.${k as 'name'}`),
    ),
    rows.map((r) => [
      r.code,
      r.name,
      r.ownerName,
      t(`schemaKind.${r.kind as 'BASAL'}`),
      t(`schemaFormat.${r.format as 'XSD'}`),
      t(`status.${r.status}`),
      r.services,
      r.updatedAt.toISOString().slice(0, 10),
    ]),
  )
  return csvResponse('catalogo-esquemas.csv', csv)
}
