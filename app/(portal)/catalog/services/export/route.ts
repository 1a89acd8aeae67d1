import { getTranslations } from 'next-intl/server'
import { getViewer } from '@/lib/auth/viewer'
import { exportServices } from '@/lib/catalog/queries'
import { servicesParamsFrom } from '@/lib/catalog/table-params'
import { csvResponse, toCsv } from '@/lib/csv'
import { downloadRefusal } from '@/lib/http/download-errors'
import type { messages } from '@/lib/i18n/messages'

type Column = keyof (typeof messages)['catalog']['services']['columns']

/** The service catalog as CSV, with the same search, filters and order as the page it was asked from. */
export async function GET(request: Request) {
  const viewer = await getViewer()
  if (!viewer) return downloadRefusal(401)
  const { params } = servicesParamsFrom(new URL(request.url).searchParams)
  const rows = await exportServices(viewer, params)
  const t = await getTranslations('catalog')
  const c = (key: Column) => t(`services.columns.${key}`)
  const csv = toCsv(
    [
      c('code'),
      c('name'),
      c('provider'),
      c('version'),
      c('protocol'),
      c('status'),
      c('completeness'),
      c('lastReviewedAt'),
      c('procedures'),
    ],
    rows.map((r) => [
      r.code,
      r.name,
      r.providerName,
      r.version,
      r.protocol,
      t(`status.${r.status}`),
      r.completeness,
      r.lastReviewedAt?.toISOString().slice(0, 10) ?? '',
      (r.procedures ?? []).join(' '),
    ]),
  )
  return csvResponse('catalogo-servicios.csv', csv)
}
