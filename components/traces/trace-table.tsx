import { getTranslations } from 'next-intl/server'
import Link from 'next/link'
import { formatDateTime } from '@/lib/dates'
import type { TraceRow } from '@/lib/traces/queries'

/** A page of trace records; names of institutions from `names` (id → short name). */
export async function TraceTable({ rows, names }: { rows: TraceRow[]; names: Map<string, string> }) {
  const t = await getTranslations('traces')
  if (rows.length === 0) return <p className="text-muted">{t('empty')}</p>
  const name = (id: string) => names.get(id) ?? id
  return (
    <div className="overflow-x-auto rounded-lg border border-line">
      <table className="min-w-full text-sm">
        <caption className="sr-only">{t('title')}</caption>
        <thead className="bg-surface text-left">
          <tr>
            {(
              [
                'time',
                'traceId',
                'consumer',
                'provider',
                'service',
                'procedure',
                'result',
                'latency',
                'reporter',
                'grant',
              ] as const
            ).map((c) => (
              <th key={c} scope="col" className="px-3 py-2 font-semibold">
                {t(`columns.${c}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} className="border-t border-line">
              <td className="px-3 py-2 whitespace-nowrap">{formatDateTime(r.time)}</td>
              <td className="px-3 py-2 font-mono text-xs">
                <Link href={`/traces/${r.id}`} className="underline">
                  {r.traceId.slice(0, 13)}
                </Link>
              </td>
              <td className="px-3 py-2">{name(r.consumerId)}</td>
              <td className="px-3 py-2">{name(r.providerId)}</td>
              <td className="px-3 py-2">{r.serviceCode}</td>
              <td className="px-3 py-2">{r.procedure}</td>
              <td className="px-3 py-2">{t(`result.${r.result as 'OK'}`)}</td>
              <td className="px-3 py-2 text-right">{t('latencyMs', { ms: r.latencyMs })}</td>
              <td className="px-3 py-2">{name(r.reporterInstitutionId)}</td>
              <td className="px-3 py-2">{r.grantInForce ? t('grantInForce') : <strong>{t('grantMissing')}</strong>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
