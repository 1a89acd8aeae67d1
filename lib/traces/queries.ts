import 'server-only'
import type { PoolClient } from 'pg'
import { institutionsWhere, type Principal } from '@/lib/auth/roles'
import { csvLine } from '@/lib/csv'
import { db, dbPool } from '@/lib/db/client'
import { cursorRows } from './cursor'
import { TRACE_PAGE_SIZE, type TraceSearch } from './search-params'
import { CSV_COLUMNS, LIST_COLUMNS, traceSearchSql, type TraceScope } from './search-sql'

/**
 * The trace registry's reads. Every one takes the viewer first and scopes to what the viewer may see:
 * auditors and DGD everything; an institution's members only the records their institution is party
 * to (as consumer or provider), one institution at a time (`inst` picks which, among their own).
 */

export type TraceRow = {
  id: string
  time: Date
  traceId: string
  reporterInstitutionId: string
  environment: string
  consumerId: string
  providerId: string
  serviceCode: string
  operation: string
  procedure: string
  caseFileId: string | null
  result: string
  latencyMs: number
  grantInForce: boolean
}

type RawRow = {
  id: string
  time: Date
  trace_id: string
  reporter_institution_id: string
  environment: string
  consumer_id: string
  provider_id: string
  service_code: string
  operation: string
  procedure: string
  case_file_id: string | null
  result: string
  latency_ms: number
  grant_in_force: boolean
}

const toRow = (r: RawRow): TraceRow => ({
  id: r.id,
  time: r.time,
  traceId: r.trace_id,
  reporterInstitutionId: r.reporter_institution_id,
  environment: r.environment,
  consumerId: r.consumer_id,
  providerId: r.provider_id,
  serviceCode: r.service_code,
  operation: r.operation,
  procedure: r.procedure,
  caseFileId: r.case_file_id,
  result: r.result,
  latencyMs: r.latency_ms,
  grantInForce: r.grant_in_force,
})

/** The scope of the viewer's search, or null when the viewer may not search the registry. */
export function traceScopeFor(viewer: Principal, requested?: string): TraceScope | null {
  const where = institutionsWhere(viewer, 'traces.read')
  if (where === 'all') return { kind: 'all' }
  if (where.length === 0) return null
  const institutionId = requested && where.includes(requested) ? requested : where[0]!
  return { kind: 'institution', institutionId }
}

/** Names of institutions, for the rows of a page. */
export async function institutionNames(ids: Iterable<string>): Promise<Map<string, string>> {
  const list = [...new Set(ids)]
  if (list.length === 0) return new Map()
  const rows = await db.institution.findMany({ where: { id: { in: list } }, select: { id: true, shortName: true } })
  return new Map(rows.map((r) => [r.id, r.shortName]))
}

export type TracePage = { rows: TraceRow[]; next: { time: Date; id: string } | null; scope: TraceScope }

/** One page of the search, newest first, keyset-paginated; `next` is the cursor of the following page. */
export async function searchTraces(viewer: Principal, search: TraceSearch): Promise<TracePage | null> {
  const scope = traceScopeFor(viewer, search.inst)
  if (!scope) return null
  const { sql, params } = traceSearchSql(scope, search, { columns: LIST_COLUMNS, limit: TRACE_PAGE_SIZE + 1 })
  const { rows } = await dbPool().query<RawRow>(sql, params)
  const page = rows.slice(0, TRACE_PAGE_SIZE).map(toRow)
  const last = page[page.length - 1]
  return { rows: page, next: rows.length > TRACE_PAGE_SIZE && last ? { time: last.time, id: last.id } : null, scope }
}

/** A record and every report of the same exchange (same trace id) the viewer may see, side by side. */
export async function traceRecord(
  viewer: Principal,
  id: string,
): Promise<{ record: TraceRow; reports: TraceRow[] } | null> {
  const where = institutionsWhere(viewer, 'traces.read')
  if (where !== 'all' && where.length === 0) return null
  // A bigint has at most 19 digits; longer ones (or 19 past its range) are no record, never a database error.
  if (!/^\d{1,18}$/.test(id)) return null
  const { rows } = await dbPool().query<RawRow>(`SELECT ${LIST_COLUMNS} FROM traces.record WHERE id = $1`, [id])
  const visible = (r: RawRow) => where === 'all' || where.includes(r.consumer_id) || where.includes(r.provider_id)
  const record = rows.find(visible)
  if (!record) return null
  const { rows: reports } = await dbPool().query<RawRow>(
    `SELECT ${LIST_COLUMNS} FROM traces.record WHERE trace_id = $1 AND consumer_id = $2 AND provider_id = $3
     ORDER BY time, id LIMIT 10`,
    [record.trace_id, record.consumer_id, record.provider_id],
  )
  return { record: toRow(record), reports: reports.filter(visible).map(toRow) }
}

const CSV_HEADER = [
  'id',
  'fecha_hora',
  'id_traza',
  'informado_por',
  'ambiente',
  'consumidor',
  'proveedor',
  'servicio',
  'operacion',
  'tramite_cpat',
  'expediente',
  'resultado',
  'latencia_ms',
  'con_autorizacion_vigente',
  'sha256_mensaje',
  'consentimiento',
  'recibido',
]

/**
 * The filtered view as CSV, streamed: rows are read from a server-side cursor a few thousand at a
 * time and written out as they come, so an export of millions of records is never held in memory.
 */
export function exportTraces(viewer: Principal, search: TraceSearch): ReadableStream<Uint8Array> | null {
  const scope = traceScopeFor(viewer, search.inst)
  if (!scope) return null
  const { sql, params } = traceSearchSql(scope, { ...search, after: undefined }, { columns: CSV_COLUMNS, limit: null })
  const encoder = new TextEncoder()
  let client: PoolClient | undefined
  let pages: AsyncGenerator<(RawRow & { message_sha256: string; consent_id: string | null; received_at: Date })[]>
  const finish = async () => {
    if (!client) return
    const c = client
    client = undefined
    await c.query('ROLLBACK').catch(() => {})
    c.release()
  }
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      const c = await dbPool().connect()
      client = c
      await c.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
      pages = cursorRows(c, sql, params, 2_000)
      controller.enqueue(encoder.encode(`\uFEFF${csvLine(CSV_HEADER)}`))
    },
    async pull(controller) {
      try {
        const next = await pages.next()
        if (next.done) {
          await finish()
          controller.close()
          return
        }
        controller.enqueue(
          encoder.encode(
            next.value
              .map((r) =>
                csvLine([
                  r.id,
                  r.time.toISOString(),
                  r.trace_id,
                  r.reporter_institution_id,
                  r.environment,
                  r.consumer_id,
                  r.provider_id,
                  r.service_code,
                  r.operation,
                  r.procedure,
                  r.case_file_id,
                  r.result,
                  r.latency_ms,
                  r.grant_in_force,
                  r.message_sha256,
                  r.consent_id,
                  r.received_at.toISOString(),
                ]),
              )
              .join(''),
          ),
        )
      } catch (error) {
        await finish()
        controller.error(error)
      }
    },
    async cancel() {
      await pages?.return(undefined)
      await finish()
    },
  })
}
