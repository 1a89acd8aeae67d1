import 'server-only'
import type { Viewer } from '@/lib/auth/load-viewer'
import { can, type Principal } from '@/lib/auth/roles'
import { skipFor } from '@/lib/data-table/search-params'
import { db } from '@/lib/db/client'
import { Prisma } from '@/lib/generated/prisma/client'
import type { CatalogStatus, DataClassification, ServiceProtocol } from '@/lib/generated/prisma/enums'
import { COMPLETENESS_CRITERIA, completeness, staleBefore } from './completeness'
import { readContacts, readServiceLevels } from './schemas'
import { tsQueryOf } from './search'
import type { Operation } from './specs'
import {
  withSelected,
  type DataElementsTableParams,
  type SchemasTableParams,
  type ServicesTableParams,
} from './table-params'

const sql = Prisma.sql
const TRUE = sql`TRUE`

/** Statuses everyone signed in sees; drafts and entries in review only their institution and central staff see. */
export const PUBLIC_STATUSES = ['PUBLISHED', 'DEPRECATED', 'RETIRED'] as const satisfies readonly CatalogStatus[]

/** Whether the viewer sees a provider's internal catalog data (drafts, connected institutions). */
export function seesInternals(viewer: Principal, institutionId: string): boolean {
  return can(viewer, 'catalog.readInternal', institutionId)
}

/** Published, deprecated or retired: what everyone signed in sees. */
function isPublicStatus(status: string): boolean {
  return (PUBLIC_STATUSES as readonly string[]).includes(status)
}

/** A catalog item of `institutionId` in `status`: public, or the viewer sees that institution's internals. */
function visibleIn(viewer: Principal, status: string, institutionId: string): boolean {
  return isPublicStatus(status) || seesInternals(viewer, institutionId)
}

function internalInstitutions(viewer: Principal): 'all' | string[] {
  // A central role with the permission holds it for every institution.
  if (can({ ...viewer, memberships: [] }, 'catalog.readInternal')) return 'all'
  return [
    ...new Set(
      viewer.memberships
        .filter((m) => can(viewer, 'catalog.readInternal', m.institutionId))
        .map((m) => m.institutionId),
    ),
  ]
}

/** The rows of `alias` (with a status and an institution column) the viewer may see. */
export function visibleWhere(viewer: Principal, status: Prisma.Sql, institution: Prisma.Sql): Prisma.Sql {
  const own = internalInstitutions(viewer)
  if (own === 'all') return TRUE
  const published = inList(status, PUBLIC_STATUSES, 'CatalogStatus')
  return own.length === 0 ? published : sql`(${published} OR ${institution} IN (${Prisma.join(own)}))`
}

/** The catalog's enum column types: comparing the column itself (not `::text`) keeps its statistics. */
type EnumType = 'CatalogStatus' | 'ServiceProtocol' | 'GradualityGroup'

/**
 * `column IN (values)`; TRUE for no values. An enum column is compared as itself, each value cast to its
 * type: cast to text instead, the planner has no statistics for it and guesses 1 row (bench/catalog.ts
 * showed a nested loop over every institution for each of 835 services). Values are checked first.
 */
export function inList(column: Prisma.Sql, values: readonly string[], type?: EnumType): Prisma.Sql {
  if (values.length === 0) return TRUE
  if (!type) return sql`${column}::text IN (${Prisma.join(values)})`
  const cast = Prisma.raw(`"${type}"`)
  return sql`${column} IN (${Prisma.join(values.map((v) => sql`${v}::${cast}`))})`
}

export function matches(column: Prisma.Sql, tsq: string | null): Prisma.Sql {
  return tsq === null ? TRUE : sql`to_tsvector('simple', ${column}) @@ to_tsquery('simple', ${tsq})`
}

function rank(column: Prisma.Sql, tsq: string | null): Prisma.Sql {
  return tsq === null ? sql`0` : sql`ts_rank(to_tsvector('simple', ${column}), to_tsquery('simple', ${tsq}))`
}

export type FacetOption = { value: string; label: string; count: number }

// ── Services ──────────────────────────────────────────────────────────────────────────────────────

/**
 * The completeness score (0–100) of the service aliased `s`, as lib/catalog/completeness.ts computes it.
 * Every criterion is TRUE or FALSE, never NULL (a NULL one would make the sum NULL, and the sort put
 * those services first); `jsonb_array_length` only on an array (AND does not short-circuit in SQL).
 */
export function completenessSql(now: Date): Prisma.Sql {
  return sql`round((
      (EXISTS (SELECT 1 FROM "ServiceVersion" v WHERE v."serviceId" = s."id" AND v."version" = s."version" AND v."spec" IS NOT NULL))::int
    + (EXISTS (SELECT 1 FROM "ServiceDataElement" x WHERE x."serviceId" = s."id"))::int
    + (EXISTS (SELECT 1 FROM "ServiceSchema" x WHERE x."serviceId" = s."id"))::int
    + (coalesce(cardinality(s."procedures"), 0) > 0)::int
    + (s."serviceLevels" IS NOT NULL AND s."serviceLevels" <> 'null'::jsonb)::int
    + (CASE WHEN jsonb_typeof(s."contacts") = 'array' THEN jsonb_array_length(s."contacts") > 0 ELSE FALSE END)::int
    + (s."lastReviewedAt" IS NOT NULL AND s."lastReviewedAt" > ${staleBefore(now)})::int
  ) * 100.0 / ${COMPLETENESS_CRITERIA.length})::int`
}

export const FROM_SERVICES = sql`FROM "Service" s JOIN "Institution" i ON i."id" = s."providerId"`

/**
 * The services the viewer may see that match the search. The search is a subquery on the GIN index,
 * so its ids are found once and joined (a semi-join): as a plain condition the planner may reach the
 * rows by the status index instead and compute `to_tsvector` for each of thousands (bench/catalog.ts).
 */
function serviceBaseWhere(viewer: Principal, q: string): Prisma.Sql {
  const tsq = tsQueryOf(q)
  const search =
    tsq === null ? TRUE : sql`s."id" IN (SELECT f."id" FROM "Service" f WHERE ${matches(sql`f."searchText"`, tsq)})`
  return sql`${visibleWhere(viewer, sql`s."status"`, sql`s."providerId"`)} AND ${search}`
}

export function serviceFilterWhere(filters: ServicesTableParams['filters'], group = sql`i."group"`): Prisma.Sql {
  const parts = [
    inList(sql`s."providerId"`, filters.provider),
    inList(sql`s."status"`, filters.status, 'CatalogStatus'),
    inList(sql`s."protocol"`, filters.protocol, 'ServiceProtocol'),
    inList(group, filters.group, 'GradualityGroup'),
    filters.procedure.length === 0 ? TRUE : sql`s."procedures" && ARRAY[${Prisma.join(filters.procedure)}]::text[]`,
    filters.classification.length === 0
      ? TRUE
      : sql`EXISTS (SELECT 1 FROM "ServiceDataElement" x JOIN "DataElement" d ON d."id" = x."dataElementId"
               WHERE x."serviceId" = s."id" AND d."classification"::text IN (${Prisma.join(filters.classification)}))`,
  ]
  return Prisma.join(parts, ' AND ')
}

/**
 * The ORDER BY of the service list, over rows aliased `s` with the provider's name in `provider` (`i."name"`
 * where the institution is joined). `rank` and `completeness` are named bare: the select list's columns.
 */
function serviceOrder(params: ServicesTableParams, provider = sql`i."name"`): Prisma.Sql {
  const dir = params.sort.desc ? sql`DESC` : sql`ASC`
  const tsq = tsQueryOf(params.q)
  switch (params.sort.id) {
    case 'relevance':
      return tsq === null ? sql`s."name" ASC, s."id" ASC` : sql`"rank" DESC, s."name" ASC, s."id" ASC`
    case 'name':
      return sql`s."name" ${dir}, s."id" ASC`
    case 'provider':
      return sql`${provider} ${dir}, s."name" ASC, s."id" ASC`
    case 'protocol':
      return sql`s."protocol" ${dir}, s."name" ASC, s."id" ASC`
    case 'status':
      return sql`s."status" ${dir}, s."name" ASC, s."id" ASC`
    case 'completeness':
      return sql`"completeness" ${dir}, s."name" ASC, s."id" ASC`
    case 'lastReviewedAt':
      return sql`s."lastReviewedAt" ${dir} NULLS FIRST, s."name" ASC, s."id" ASC`
  }
}

export type ServiceRow = {
  id: string
  code: string
  name: string
  version: string
  protocol: ServiceProtocol
  status: CatalogStatus
  providerId: string
  providerName: string
  providerShortName: string
  lastReviewedAt: Date | null
  completeness: number
  stale: boolean
}

type ServiceRowSql = Omit<ServiceRow, 'stale'>

function serviceSelect(now: Date, tsq: string | null): Prisma.Sql {
  return sql`SELECT s."id", s."code", s."name", s."version", s."protocol", s."status", s."lastReviewedAt",
      i."id" AS "providerId", i."name" AS "providerName", i."shortName" AS "providerShortName",
      ${completenessSql(now)} AS "completeness", ${rank(sql`s."searchText"`, tsq)} AS rank`
}

function toServiceRow(r: ServiceRowSql, now: Date): ServiceRow {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    version: r.version,
    protocol: r.protocol,
    status: r.status,
    providerId: r.providerId,
    providerName: r.providerName,
    providerShortName: r.providerShortName,
    lastReviewedAt: r.lastReviewedAt,
    completeness: Number(r.completeness),
    stale: r.lastReviewedAt === null || r.lastReviewedAt <= staleBefore(now),
  }
}

/**
 * How many values a data-driven facet (providers, procedures) offers: those with the most services
 * under the current search (ties by name), shown in alphabetical order. With 10,000 services a list of
 * every provider and procedure was most of the page (bench/catalog.ts); a selected value is always
 * offered, with its count (0 when the search leaves it no service), and the search box narrows the rest.
 */
export const FACET_OPTIONS = 25

/**
 * The catalog page in one statement (also what bench/catalog.ts EXPLAINs): the services the viewer may
 * see that match the search are read once (`m`: one bitmap scan of the search's GIN index and the
 * visibility indexes); the page, the filtered count and every facet are computed from them. It was
 * four statements (the page and three facet queries), each running the search and the visibility
 * again over the whole catalog. Facets are counted under the search, not the filters, as before.
 * Completeness is computed for the page's rows only, unless the page is sorted by it.
 */
export function serviceCatalogSql(viewer: Principal, params: ServicesTableParams, now: Date): Prisma.Sql {
  const tsq = tsQueryOf(params.q)
  const byRank = params.sort.id === 'relevance' && tsq !== null
  const filters = serviceFilterWhere(params.filters, sql`s."group"`)
  const selectedProviders = params.filters.provider
  const selectedProcedures = params.filters.procedure
  const keptProvider =
    selectedProviders.length === 0 ? sql`FALSE` : sql`g."providerId" IN (${Prisma.join(selectedProviders)})`
  const keptProcedure =
    selectedProcedures.length === 0 ? sql`FALSE` : sql`p."code" IN (${Prisma.join(selectedProcedures)})`
  const missingProviders =
    selectedProviders.length === 0
      ? sql``
      : sql`UNION ALL SELECT i."id", i."name", 0 FROM "Institution" i
          WHERE i."id" IN (${Prisma.join(selectedProviders)}) AND i."id" NOT IN (SELECT "providerId" FROM pc)`
  const missingProcedures =
    selectedProcedures.length === 0
      ? sql``
      : sql`UNION ALL SELECT v, 0 FROM unnest(ARRAY[${Prisma.join(selectedProcedures)}]::text[]) AS v
          WHERE v NOT IN (SELECT "code" FROM pr)`
  return sql`WITH m AS MATERIALIZED (
      SELECT s."id", s."code", s."name", s."version", s."protocol", s."status", s."lastReviewedAt", s."procedures",
        s."serviceLevels", s."contacts", s."providerId", i."name" AS "providerName", i."shortName" AS "providerShortName",
        i."group", ${byRank ? rank(sql`s."searchText"`, tsq) : sql`0::real`} AS "rank"
      ${FROM_SERVICES}
      WHERE ${visibleWhere(viewer, sql`s."status"`, sql`s."providerId"`)} AND ${matches(sql`s."searchText"`, tsq)}
    ),
    f AS (SELECT * FROM m s WHERE ${filters}),
    page AS (
      SELECT s."id", s."code", s."name", s."version", s."protocol", s."status", s."providerId", s."providerName",
        s."providerShortName", s."rank",
        floor(extract(epoch FROM s."lastReviewedAt") * 1000)::bigint AS "lastReviewedAt",
        ${completenessSql(now)} AS "completeness"
      FROM f s ORDER BY ${serviceOrder(params, sql`s."providerName"`)} LIMIT ${params.pageSize} OFFSET ${skipFor(params)}
    ),
    g AS (
      SELECT s."providerId", s."providerName", s."status"::text AS status, s."protocol"::text AS protocol,
        s."group"::text AS grp, count(*)::int AS n
      FROM m s GROUP BY GROUPING SETS ((s."providerId", s."providerName"), (s."status"), (s."protocol"), (s."group"))
    ),
    pc AS (SELECT g."providerId", g."providerName", g.n FROM g WHERE g."providerId" IS NOT NULL),
    -- unnest in the select list (ProjectSet) costs less than a lateral function scan per service.
    pr AS (SELECT u."code", count(*)::int AS n FROM (SELECT unnest(s."procedures") AS "code" FROM m s) u GROUP BY u."code")
    SELECT
      (SELECT count(*)::int FROM f) AS "total",
      (SELECT coalesce(json_agg(s ORDER BY ${serviceOrder(params, sql`s."providerName"`)}), '[]') FROM page s) AS "rows",
      (SELECT coalesce(json_agg(json_build_array(g.status, g.protocol, g.grp, g.n)), '[]') FROM g
        WHERE g."providerId" IS NULL) AS "counts",
      (SELECT coalesce(json_agg(json_build_array(t."providerId", t."providerName", t.n)), '[]') FROM (
        (SELECT g."providerId", g."providerName", g.n FROM pc g ORDER BY g.n DESC, g."providerName" ASC, g."providerId" ASC LIMIT ${FACET_OPTIONS})
        UNION SELECT g."providerId", g."providerName", g.n FROM pc g WHERE ${keptProvider}
        ${missingProviders}
      ) t) AS "providers",
      (SELECT coalesce(json_agg(json_build_array(t."code", t.n)), '[]') FROM (
        (SELECT p."code", p.n FROM pr p ORDER BY p.n DESC, p."code" COLLATE "spanish" ASC LIMIT ${FACET_OPTIONS})
        UNION SELECT p."code", p.n FROM pr p WHERE ${keptProcedure}
        ${missingProcedures}
      ) t) AS "procedures",
      (SELECT coalesce(json_object_agg(c.classification, c.n), '{}') FROM (
        SELECT d."classification"::text AS classification, count(DISTINCT s."id")::int AS n
        FROM m s JOIN "ServiceDataElement" x ON x."serviceId" = s."id" JOIN "DataElement" d ON d."id" = x."dataElementId"
        GROUP BY d."classification"
      ) c) AS "classifications"`
}

type ServiceCatalogSql = {
  total: number
  rows: (Omit<ServiceRowSql, 'lastReviewedAt'> & { lastReviewedAt: number | null })[]
  counts: [status: string | null, protocol: string | null, grp: string | null, n: number][]
  providers: [id: string, name: string, n: number][]
  procedures: [code: string, n: number][]
  classifications: Record<string, number>
}

const byLabel = (a: FacetOption, b: FacetOption) => a.label.localeCompare(b.label, 'es')

/**
 * One page of the service catalog the viewer may see, searched, filtered and sorted, with the number
 * of services the filters leave and the facets under the search (each provider, status, protocol,
 * group, procedure and data classification with its number of services).
 */
export async function serviceCatalog(viewer: Principal, params: ServicesTableParams, now = new Date()) {
  const [result] = await db.$queryRaw<ServiceCatalogSql[]>(serviceCatalogSql(viewer, params, now))
  const r = result!
  const counts = (index: 0 | 1 | 2) =>
    Object.fromEntries(r.counts.flatMap((c) => (c[index] === null ? [] : [[c[index], c[3]]]))) as Record<string, number>
  return {
    rows: r.rows.map((row) =>
      toServiceRow({ ...row, lastReviewedAt: row.lastReviewedAt === null ? null : new Date(row.lastReviewedAt) }, now),
    ),
    rowCount: r.total,
    facets: {
      // A selected id that names no institution is still offered (labelled with itself), so it can be unticked.
      provider: withSelected(
        r.providers.map(([value, label, count]) => ({ value, label, count })).sort(byLabel),
        params.filters.provider,
      ),
      status: counts(0),
      protocol: counts(1),
      group: counts(2),
      procedure: r.procedures.map(([value, count]) => ({ value, label: value, count })).sort(byLabel),
      classification: r.classifications,
    },
  }
}
export type ServiceCatalog = Awaited<ReturnType<typeof serviceCatalog>>
export type ServiceFacets = ServiceCatalog['facets']

/** Every row of the filtered view, in its order, for the CSV export (at most `limit`). */
export async function exportServices(viewer: Viewer, params: ServicesTableParams, now = new Date(), limit = 20_000) {
  const tsq = tsQueryOf(params.q)
  const rows = await db.$queryRaw<
    (ServiceRowSql & { devStatus: string; prodStatus: string; procedures: string[] | null })[]
  >`
    ${serviceSelect(now, tsq)}, s."devStatus", s."prodStatus", s."procedures"
    ${FROM_SERVICES}
    WHERE ${serviceBaseWhere(viewer, params.q)} AND ${serviceFilterWhere(params.filters)}
    ORDER BY ${serviceOrder(params)}
    LIMIT ${limit}`
  return rows.map((r) => ({ ...toServiceRow(r, now), procedures: r.procedures }))
}

/** Labels for the selected ids of a data-driven facet that the current search left without services. */
export async function institutionLabels(ids: readonly string[]): Promise<FacetOption[]> {
  if (ids.length === 0) return []
  const found = await db.institution.findMany({ where: { id: { in: [...ids] } }, select: { id: true, name: true } })
  return found.map((i) => ({ value: i.id, label: i.name, count: 0 }))
}

/** Versions everyone sees; drafts and versions in review are the provider's and DGD's. */
function versionStatuses(internal: boolean): CatalogStatus[] {
  return internal ? ['DRAFT', 'IN_REVIEW', 'PUBLISHED', 'DEPRECATED', 'RETIRED'] : [...PUBLIC_STATUSES]
}

/** A service's catalog page; null when it does not exist or the viewer may not see it. */
export async function getService(viewer: Viewer, id: string, now = new Date()) {
  const service = await db.service.findUnique({
    where: { id },
    include: {
      provider: { select: { id: true, name: true, shortName: true, group: true } },
      dataElements: {
        select: { dataElement: { select: { id: true, code: true, name: true, classification: true } } },
        orderBy: { dataElement: { name: 'asc' } },
      },
      schemas: {
        select: { schema: { select: { id: true, code: true, name: true, kind: true, format: true, status: true } } },
        orderBy: { schema: { name: 'asc' } },
      },
    },
  })
  if (!service) return null
  const internal = seesInternals(viewer, service.providerId)
  if (!internal && !isPublicStatus(service.status)) return null
  const versions = await db.serviceVersion.findMany({
    where: { serviceId: id, status: { in: versionStatuses(internal) } },
    orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
    select: {
      id: true,
      version: true,
      status: true,
      specFormat: true,
      specSha256: true,
      operations: true,
      changes: true,
      createdAt: true,
      publishedAt: true,
    },
  })
  const current = versions.find((v) => v.version === service.version) ?? versions[0] ?? null
  const connected = internal
    ? await db.connectionCase.findMany({
        where: { serviceId: id, status: { not: 'CLOSED' } },
        orderBy: [{ consumer: { name: 'asc' } }, { number: 'asc' }],
        select: { id: true, number: true, status: true, consumer: { select: { id: true, name: true } } },
      })
    : null
  const score = completeness(
    {
      hasSpec: current?.specSha256 != null,
      dataElementCount: service.dataElements.length,
      schemaCount: service.schemas.length,
      procedures: service.procedures,
      serviceLevels: service.serviceLevels,
      contacts: service.contacts,
      lastReviewedAt: service.lastReviewedAt,
    },
    now,
  )
  return {
    id: service.id,
    code: service.code,
    name: service.name,
    description: service.description,
    version: service.version,
    protocol: service.protocol,
    status: service.status,
    requiresAgreement: service.requiresAgreement,
    provider: service.provider,
    environments: [
      { name: 'development' as const, endpoint: service.devEndpoint, status: service.devStatus },
      { name: 'production' as const, endpoint: service.prodEndpoint, status: service.prodStatus },
    ],
    procedures: service.procedures,
    serviceLevels: readServiceLevels(service.serviceLevels),
    contacts: readContacts(service.contacts),
    lastReviewedAt: service.lastReviewedAt,
    deprecatedAt: service.deprecatedAt,
    stopsOn: service.stopsOn,
    dataElements: service.dataElements.map((d) => d.dataElement),
    schemas: service.schemas.map((s) => s.schema).filter((s) => internal || isPublicStatus(s.status)),
    current: current ? { ...current, operations: readOperations(current.operations) } : null,
    versions: versions.map((v) => ({ ...v, operations: readOperations(v.operations) })),
    connected,
    completeness: score,
    internal,
  }
}
export type ServiceDetail = NonNullable<Awaited<ReturnType<typeof getService>>>

export function readOperations(value: unknown): Operation[] {
  if (!Array.isArray(value)) return []
  return value.flatMap((o): Operation[] => {
    if (typeof o !== 'object' || o === null) return []
    const r = o as Record<string, unknown>
    const summary = typeof r.summary === 'string' ? r.summary : null
    if (typeof r.method === 'string' && typeof r.path === 'string') return [{ method: r.method, path: r.path, summary }]
    if (typeof r.name === 'string') return [{ name: r.name, summary }]
    return []
  })
}

/** A version's specification for download; null when the viewer may not see it or it has none. */
export async function getServiceSpec(viewer: Viewer, serviceId: string, versionId: string) {
  const version = await db.serviceVersion.findFirst({
    where: { id: versionId, serviceId },
    select: {
      version: true,
      status: true,
      spec: true,
      specFormat: true,
      service: { select: { code: true, providerId: true, status: true } },
    },
  })
  if (!version?.spec) return null
  const internal = seesInternals(viewer, version.service.providerId)
  const visible = (s: string) => internal || isPublicStatus(s)
  if (!visible(version.status) || !visible(version.service.status)) return null
  return { code: version.service.code, version: version.version, format: version.specFormat, spec: version.spec }
}

// ── Schemas ───────────────────────────────────────────────────────────────────────────────────────

const FROM_SCHEMAS = sql`FROM "Schema" c JOIN "Institution" i ON i."id" = c."ownerId"`

function schemaWhere(viewer: Principal, params: Pick<SchemasTableParams, 'q' | 'filters'>): Prisma.Sql {
  return Prisma.join(
    [
      visibleWhere(viewer, sql`c."status"`, sql`c."ownerId"`),
      matches(sql`c."searchText"`, tsQueryOf(params.q)),
      inList(sql`c."ownerId"`, params.filters.owner),
      inList(sql`c."status"`, params.filters.status),
      inList(sql`c."kind"`, params.filters.kind),
      inList(sql`c."format"`, params.filters.format),
    ],
    ' AND ',
  )
}

export type SchemaRow = {
  id: string
  code: string
  name: string
  kind: string
  format: string
  status: CatalogStatus
  ownerId: string
  ownerName: string
  services: number
  updatedAt: Date
}

export async function listSchemas(viewer: Viewer, params: SchemasTableParams, limit?: number) {
  const tsq = tsQueryOf(params.q)
  const dir = params.sort.desc ? sql`DESC` : sql`ASC`
  const order = {
    relevance: tsq === null ? sql`c."name" ASC` : sql`rank DESC, c."name" ASC`,
    name: sql`c."name" ${dir}`,
    owner: sql`i."name" ${dir}, c."name" ASC`,
    kind: sql`c."kind" ${dir}, c."name" ASC`,
    status: sql`c."status" ${dir}, c."name" ASC`,
    services: sql`"services" ${dir}, c."name" ASC`,
    updatedAt: sql`c."updatedAt" ${dir}`,
  }[params.sort.id]
  const page = limit === undefined ? sql`LIMIT ${params.pageSize} OFFSET ${skipFor(params)}` : sql`LIMIT ${limit}`
  const rows = await db.$queryRaw<(SchemaRow & { total: bigint })[]>`
    SELECT c."id", c."code", c."name", c."kind"::text AS kind, c."format"::text AS format, c."status", c."updatedAt",
      i."id" AS "ownerId", i."name" AS "ownerName",
      (SELECT count(*)::int FROM "ServiceSchema" x WHERE x."schemaId" = c."id") AS "services",
      ${rank(sql`c."searchText"`, tsq)} AS rank, count(*) OVER () AS total
    ${FROM_SCHEMAS} WHERE ${schemaWhere(viewer, params)}
    ORDER BY ${order}, c."id" ASC ${page}`
  return {
    rows: rows.map(({ total: _total, ...r }) => ({ ...r, services: Number(r.services) }) as SchemaRow),
    rowCount: rows[0] ? Number(rows[0].total) : 0,
  }
}

export async function schemaFacets(viewer: Viewer, q: string) {
  const grouped = await db.$queryRaw<
    {
      ownerId: string | null
      ownerName: string | null
      status: string | null
      kind: string | null
      format: string | null
      n: number
    }[]
  >`SELECT c."ownerId", i."name" AS "ownerName", c."status"::text AS status, c."kind"::text AS kind,
      c."format"::text AS format, count(*)::int AS n
    ${FROM_SCHEMAS}
    WHERE ${visibleWhere(viewer, sql`c."status"`, sql`c."ownerId"`)} AND ${matches(sql`c."searchText"`, tsQueryOf(q))}
    GROUP BY GROUPING SETS ((c."ownerId", i."name"), (c."status"), (c."kind"), (c."format"))`
  const counts = (key: 'status' | 'kind' | 'format') =>
    Object.fromEntries(grouped.flatMap((g) => (g[key] === null ? [] : [[g[key], g.n]]))) as Record<string, number>
  return {
    owner: grouped
      .flatMap((g) => (g.ownerId && g.ownerName ? [{ value: g.ownerId, label: g.ownerName, count: g.n }] : []))
      .sort((a, b) => a.label.localeCompare(b.label, 'es')),
    status: counts('status'),
    kind: counts('kind'),
    format: counts('format'),
  }
}

/** A schema's page: its versions (content included), the services that use it, its data elements. */
export async function getSchema(viewer: Viewer, id: string) {
  const schema = await db.schema.findUnique({
    where: { id },
    include: {
      owner: { select: { id: true, name: true, shortName: true } },
      services: {
        select: {
          service: {
            select: {
              id: true,
              code: true,
              name: true,
              status: true,
              providerId: true,
              provider: { select: { shortName: true } },
            },
          },
        },
      },
      dataElements: {
        select: { dataElement: { select: { id: true, code: true, name: true, classification: true } } },
        orderBy: { dataElement: { name: 'asc' } },
      },
    },
  })
  if (!schema) return null
  const internal = seesInternals(viewer, schema.ownerId)
  if (!internal && !isPublicStatus(schema.status)) return null
  const versions = await db.schemaVersion.findMany({
    where: { schemaId: id, status: { in: versionStatuses(internal) } },
    orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
    select: {
      id: true,
      version: true,
      status: true,
      content: true,
      contentSha256: true,
      changes: true,
      createdAt: true,
      publishedAt: true,
    },
  })
  return {
    ...schema,
    services: schema.services
      .map((s) => s.service)
      .filter((s) => visibleIn(viewer, s.status, s.providerId))
      .sort((a, b) => a.name.localeCompare(b.name, 'es')),
    dataElements: schema.dataElements.map((d) => d.dataElement),
    versions,
    internal,
  }
}
export type SchemaDetail = NonNullable<Awaited<ReturnType<typeof getSchema>>>

// ── Data directory ────────────────────────────────────────────────────────────────────────────────

const FROM_DATA = sql`FROM "DataElement" d JOIN "Institution" i ON i."id" = d."responsibleId"`

export type DataElementRow = {
  id: string
  code: string
  name: string
  classification: DataClassification
  responsibleId: string
  responsibleName: string
  services: number
}

function dataWhere(params: Pick<DataElementsTableParams, 'q' | 'filters'>): Prisma.Sql {
  return Prisma.join(
    [
      matches(sql`d."searchText"`, tsQueryOf(params.q)),
      inList(sql`d."responsibleId"`, params.filters.responsible),
      inList(sql`d."classification"`, params.filters.classification),
    ],
    ' AND ',
  )
}

/** Published services exposing the data element aliased `d` (what everyone may see). */
const DATA_SERVICES = sql`(SELECT count(*)::int FROM "ServiceDataElement" x JOIN "Service" s ON s."id" = x."serviceId"
  WHERE x."dataElementId" = d."id" AND s."status"::text IN (${Prisma.join(PUBLIC_STATUSES)}))`

export async function listDataElements(params: DataElementsTableParams, limit?: number) {
  const tsq = tsQueryOf(params.q)
  const dir = params.sort.desc ? sql`DESC` : sql`ASC`
  const order = {
    relevance: tsq === null ? sql`d."name" ASC` : sql`rank DESC, d."name" ASC`,
    name: sql`d."name" ${dir}`,
    responsible: sql`i."name" ${dir}, d."name" ASC`,
    classification: sql`d."classification" ${dir}, d."name" ASC`,
    services: sql`"services" ${dir}, d."name" ASC`,
  }[params.sort.id]
  const page = limit === undefined ? sql`LIMIT ${params.pageSize} OFFSET ${skipFor(params)}` : sql`LIMIT ${limit}`
  const rows = await db.$queryRaw<(DataElementRow & { total: bigint })[]>`
    SELECT d."id", d."code", d."name", d."classification", i."id" AS "responsibleId", i."name" AS "responsibleName",
      ${DATA_SERVICES} AS "services", ${rank(sql`d."searchText"`, tsq)} AS rank, count(*) OVER () AS total
    ${FROM_DATA} WHERE ${dataWhere(params)}
    ORDER BY ${order}, d."id" ASC ${page}`
  return {
    rows: rows.map(({ total: _total, ...r }) => ({ ...r, services: Number(r.services) }) as DataElementRow),
    rowCount: rows[0] ? Number(rows[0].total) : 0,
  }
}

export async function dataElementFacets(q: string) {
  const grouped = await db.$queryRaw<
    { responsibleId: string | null; responsibleName: string | null; classification: string | null; n: number }[]
  >`SELECT d."responsibleId", i."name" AS "responsibleName", d."classification"::text AS classification, count(*)::int AS n
    ${FROM_DATA} WHERE ${matches(sql`d."searchText"`, tsQueryOf(q))}
    GROUP BY GROUPING SETS ((d."responsibleId", i."name"), (d."classification"))`
  return {
    responsible: grouped
      .flatMap((g) =>
        g.responsibleId && g.responsibleName ? [{ value: g.responsibleId, label: g.responsibleName, count: g.n }] : [],
      )
      .sort((a, b) => a.label.localeCompare(b.label, 'es')),
    classification: Object.fromEntries(
      grouped.flatMap((g) => (g.classification === null ? [] : [[g.classification, g.n]])),
    ) as Record<string, number>,
  }
}

/** A data element's page: who answers for it, its stewards, the services and schemas that carry it. */
export async function getDataElement(viewer: Viewer, id: string) {
  const element = await db.dataElement.findUnique({
    where: { id },
    include: {
      responsible: { select: { id: true, name: true, shortName: true } },
      stewards: { select: { person: { select: { id: true, name: true } } } },
      services: {
        select: {
          service: {
            select: {
              id: true,
              code: true,
              name: true,
              status: true,
              providerId: true,
              provider: { select: { shortName: true } },
            },
          },
        },
      },
      schemas: { select: { schema: { select: { id: true, code: true, name: true, status: true, ownerId: true } } } },
    },
  })
  if (!element) return null
  return {
    ...element,
    stewards: element.stewards.map((s) => s.person).sort((a, b) => a.name.localeCompare(b.name, 'es')),
    services: element.services
      .map((s) => s.service)
      .filter((s) => visibleIn(viewer, s.status, s.providerId))
      .sort((a, b) => a.name.localeCompare(b.name, 'es')),
    schemas: element.schemas
      .map((s) => s.schema)
      .filter((s) => visibleIn(viewer, s.status, s.ownerId))
      .sort((a, b) => a.name.localeCompare(b.name, 'es')),
  }
}
export type DataElementDetail = NonNullable<Awaited<ReturnType<typeof getDataElement>>>
