import type { TraceSearch } from './search-params'

/**
 * The trace search as SQL: one statement per page, keyset-paginated on (time, id) descending — never
 * OFFSET. Seen from one institution (or filtered by one), the records it is party to are the union
 * of two index ranges, as consumer and as provider (indexes record_consumer_time,
 * record_provider_time), each already in order, merged by the outer ORDER BY … LIMIT.
 */

/** Whose records: every record (auditors, DGD), or those one institution is party to. */
export type TraceScope = { kind: 'all' } | { kind: 'institution'; institutionId: string }

// id stays bigint (pg returns it as a string) so the union's outer ORDER BY compares numbers.
export const LIST_COLUMNS = `id, time, trace_id, reporter_institution_id, environment, consumer_id, provider_id,
  service_code, operation, procedure, case_file_id, result, latency_ms, grant_in_force`

export const CSV_COLUMNS = `${LIST_COLUMNS}, encode(message_sha256, 'hex') AS message_sha256, consent_id, received_at`

/** Santiago's calendar day → its first instant (UTC), as SQL over a text parameter. */
const dayStart = (param: string) => `(${param}::date::timestamp AT TIME ZONE 'America/Santiago')`

export function traceSearchSql(
  scope: TraceScope,
  search: TraceSearch,
  options: { columns?: string; limit?: number | null } = {},
): { sql: string; params: unknown[] } {
  const params: unknown[] = []
  const p = (value: unknown) => {
    params.push(value)
    return `$${params.length}`
  }
  const common: string[] = []
  if (search.from) common.push(`time >= ${dayStart(p(search.from))}`)
  if (search.to) common.push(`time < ${dayStart(p(search.to))} + interval '1 day'`)
  if (search.service) common.push(`service_code = ${p(search.service)}`)
  if (search.procedure) common.push(`procedure = ${p(search.procedure)}`)
  if (search.result) common.push(`result = ${p(search.result)}`)
  if (search.traceId) common.push(`trace_id = ${p(search.traceId)}`)
  if (search.caseFileId) common.push(`case_file_id = ${p(search.caseFileId)}`)
  if (search.grant === 'none') common.push('NOT grant_in_force')
  if (search.after) common.push(`(time, id) < (${p(search.after.time)}::timestamptz, ${p(search.after.id)}::bigint)`)

  const columns = options.columns ?? LIST_COLUMNS
  const limit = options.limit === null ? '' : ` LIMIT ${Number(options.limit ?? 50)}`
  const order = 'ORDER BY time DESC, id DESC'
  const where = (extra: string[]) => {
    const all = [...extra, ...common]
    return all.length > 0 ? `WHERE ${all.join(' AND ')}` : ''
  }

  // The institution the union is taken around, and the other party if one is fixed.
  let pivot: string | undefined
  let other: string | undefined
  if (scope.kind === 'institution') {
    pivot = scope.institutionId
    other = search.counterpart
  } else {
    pivot = search.counterpart
  }
  if (pivot === undefined) {
    return { sql: `SELECT ${columns} FROM traces.record ${where([])} ${order}${limit}`, params }
  }
  const pivotParam = p(pivot)
  const otherParam = other === undefined ? undefined : p(other)
  const asConsumer = [`consumer_id = ${pivotParam}`, ...(otherParam ? [`provider_id = ${otherParam}`] : [])]
  const asProvider = [`provider_id = ${pivotParam}`, ...(otherParam ? [`consumer_id = ${otherParam}`] : [])]
  const branch = (extra: string[]) => `(SELECT ${columns} FROM traces.record ${where(extra)} ${order}${limit})`
  return {
    sql: `SELECT * FROM (${branch(asConsumer)} UNION ALL ${branch(asProvider)}) AS t ${order}${limit}`,
    params,
  }
}
