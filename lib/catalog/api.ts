import 'server-only'
/**
 * The catalog read API's queries (GET /api/v1/catalog/…): the same visibility, search and filters
 * as the pages, ordered by code and paged by key (the last code seen), never by OFFSET.
 */
import type { Viewer } from '@/lib/auth/load-viewer'
import { db } from '@/lib/db/client'
import { Prisma } from '@/lib/generated/prisma/client'
import type { z } from 'zod'
import type { dataElementsQuerySchema, schemasQuerySchema, servicesQuerySchema } from './api-schemas'
import {
  completenessSql,
  FROM_SERVICES,
  getDataElement,
  getSchema,
  getService,
  inList,
  matches,
  serviceFilterWhere,
  visibleWhere,
} from './queries'
import { tsQueryOf } from './search'

const sql = Prisma.sql

export function encodeCursor(code: string): string {
  return Buffer.from(code, 'utf8').toString('base64url')
}

/** The code a cursor carries; null for one this API did not make (the caller gets a 422). */
export function decodeCursor(cursor: string | undefined): string | null | undefined {
  if (cursor === undefined) return undefined
  const code = Buffer.from(cursor, 'base64url').toString('utf8')
  return /^[A-Za-z0-9._-]{1,64}$/.test(code) ? code : null
}

function after(column: Prisma.Sql, code: string | undefined): Prisma.Sql {
  return code === undefined ? sql`TRUE` : sql`${column} > ${code}`
}

function paged<T extends { code: string }>(rows: T[], limit: number) {
  const items = rows.slice(0, limit)
  return { items, nextCursor: rows.length > limit ? encodeCursor(items[items.length - 1]!.code) : null }
}

const iso = (d: Date | null) => (d ? d.toISOString() : null)

type ServicesQuery = z.output<typeof servicesQuerySchema>

export async function apiListServices(viewer: Viewer, query: ServicesQuery, afterCode: string | undefined) {
  const rows = await db.$queryRaw<
    {
      id: string
      code: string
      name: string
      description: string
      version: string
      protocol: 'REST' | 'SOAP'
      status: 'PUBLISHED'
      requiresAgreement: boolean
      procedures: string[]
      devEndpoint: string | null
      devStatus: 'AVAILABLE'
      prodEndpoint: string | null
      prodStatus: 'AVAILABLE'
      lastReviewedAt: Date | null
      completeness: number
      providerId: string
      providerName: string
      providerShortName: string
    }[]
  >`SELECT s."id", s."code", s."name", s."description", s."version", s."protocol", s."status", s."requiresAgreement",
      s."procedures", s."devEndpoint", s."devStatus", s."prodEndpoint", s."prodStatus", s."lastReviewedAt",
      ${completenessSql(new Date())} AS "completeness",
      i."id" AS "providerId", i."name" AS "providerName", i."shortName" AS "providerShortName"
    ${FROM_SERVICES}
    WHERE ${visibleWhere(viewer, sql`s."status"`, sql`s."providerId"`)}
      AND ${matches(sql`s."searchText"`, tsQueryOf(query.q ?? ''))}
      AND ${serviceFilterWhere({
        provider: query.provider ?? [],
        status: query.status ?? [],
        protocol: query.protocol ?? [],
        classification: query.classification ?? [],
        procedure: query.procedure ?? [],
        group: query.group ?? [],
      })}
      AND ${after(sql`s."code"`, afterCode)}
    ORDER BY s."code" ASC
    LIMIT ${query.limit + 1}`
  return paged(
    rows.map((r) => ({
      id: r.id,
      code: r.code,
      name: r.name,
      description: r.description,
      provider: { id: r.providerId, name: r.providerName, shortName: r.providerShortName },
      version: r.version,
      protocol: r.protocol,
      status: r.status,
      requiresAgreement: r.requiresAgreement,
      procedures: r.procedures,
      environments: {
        development: { endpoint: r.devEndpoint, status: r.devStatus },
        production: { endpoint: r.prodEndpoint, status: r.prodStatus },
      },
      lastReviewedAt: iso(r.lastReviewedAt),
      completeness: Number(r.completeness),
    })),
    query.limit,
  )
}

/** One service by id or code, as the API shows it; null when the viewer may not see it. */
export async function apiGetService(viewer: Viewer, idOrCode: string) {
  const found = await db.service.findFirst({
    where: { OR: [{ id: idOrCode }, { code: idOrCode }] },
    select: { id: true },
  })
  const s = found && (await getService(viewer, found.id))
  if (!s) return null
  const dev = s.environments[0]!
  const prod = s.environments[1]!
  return {
    id: s.id,
    code: s.code,
    name: s.name,
    description: s.description,
    provider: { id: s.provider.id, name: s.provider.name, shortName: s.provider.shortName },
    version: s.version,
    protocol: s.protocol,
    status: s.status,
    requiresAgreement: s.requiresAgreement,
    procedures: s.procedures,
    environments: {
      development: { endpoint: dev.endpoint, status: dev.status },
      production: { endpoint: prod.endpoint, status: prod.status },
    },
    lastReviewedAt: iso(s.lastReviewedAt),
    completeness: s.completeness.score,
    dataElements: s.dataElements,
    schemas: s.schemas.map(({ id, code, name, kind, format }) => ({ id, code, name, kind, format })),
    operations: s.current?.operations ?? [],
    serviceLevels: s.serviceLevels,
    contacts: s.contacts,
    versions: s.versions.map((v) => ({
      version: v.version,
      status: v.status,
      changes: v.changes,
      specFormat: v.specFormat,
      specUrl: v.specSha256 ? `/catalog/services/${s.id}/versions/${v.id}/spec` : null,
      publishedAt: iso(v.publishedAt),
    })),
  }
}

type SchemasQuery = z.output<typeof schemasQuerySchema>

export async function apiListSchemas(viewer: Viewer, query: SchemasQuery, afterCode: string | undefined) {
  const rows = await db.$queryRaw<
    {
      id: string
      code: string
      name: string
      description: string
      kind: 'BASAL'
      format: 'XSD'
      status: 'PUBLISHED'
      updatedAt: Date
      ownerId: string
      ownerName: string
      ownerShortName: string
    }[]
  >`SELECT c."id", c."code", c."name", c."description", c."kind", c."format", c."status", c."updatedAt",
      i."id" AS "ownerId", i."name" AS "ownerName", i."shortName" AS "ownerShortName"
    FROM "Schema" c JOIN "Institution" i ON i."id" = c."ownerId"
    WHERE ${visibleWhere(viewer, sql`c."status"`, sql`c."ownerId"`)}
      AND ${matches(sql`c."searchText"`, tsQueryOf(query.q ?? ''))}
      AND ${inList(sql`c."ownerId"`, query.owner ?? [])} AND ${inList(sql`c."status"`, query.status ?? [])}
      AND ${inList(sql`c."kind"`, query.kind ?? [])} AND ${inList(sql`c."format"`, query.format ?? [])}
      AND ${after(sql`c."code"`, afterCode)}
    ORDER BY c."code" ASC
    LIMIT ${query.limit + 1}`
  return paged(
    rows.map((r) => ({
      id: r.id,
      code: r.code,
      name: r.name,
      description: r.description,
      kind: r.kind,
      format: r.format,
      status: r.status,
      owner: { id: r.ownerId, name: r.ownerName, shortName: r.ownerShortName },
      updatedAt: r.updatedAt.toISOString(),
    })),
    query.limit,
  )
}

export async function apiGetSchema(viewer: Viewer, idOrCode: string) {
  const found = await db.schema.findFirst({
    where: { OR: [{ id: idOrCode }, { code: idOrCode }] },
    select: { id: true },
  })
  const s = found && (await getSchema(viewer, found.id))
  if (!s) return null
  return {
    id: s.id,
    code: s.code,
    name: s.name,
    description: s.description,
    kind: s.kind,
    format: s.format,
    status: s.status,
    owner: s.owner,
    updatedAt: s.updatedAt.toISOString(),
    versions: s.versions.map((v) => ({
      version: v.version,
      status: v.status,
      changes: v.changes,
      content: v.content,
      contentSha256: v.contentSha256,
      publishedAt: iso(v.publishedAt),
    })),
    services: s.services.map(({ id, code, name }) => ({ id, code, name })),
    dataElements: s.dataElements,
  }
}

type DataElementsQuery = z.output<typeof dataElementsQuerySchema>

export async function apiListDataElements(query: DataElementsQuery, afterCode: string | undefined) {
  const rows = await db.$queryRaw<
    {
      id: string
      code: string
      name: string
      description: string
      classification: 'PUBLIC'
      responsibleId: string
      responsibleName: string
      responsibleShortName: string
    }[]
  >`SELECT d."id", d."code", d."name", d."description", d."classification",
      i."id" AS "responsibleId", i."name" AS "responsibleName", i."shortName" AS "responsibleShortName"
    FROM "DataElement" d JOIN "Institution" i ON i."id" = d."responsibleId"
    WHERE ${matches(sql`d."searchText"`, tsQueryOf(query.q ?? ''))}
      AND ${inList(sql`d."responsibleId"`, query.responsible ?? [])}
      AND ${inList(sql`d."classification"`, query.classification ?? [])}
      AND ${after(sql`d."code"`, afterCode)}
    ORDER BY d."code" ASC
    LIMIT ${query.limit + 1}`
  return paged(
    rows.map((r) => ({
      id: r.id,
      code: r.code,
      name: r.name,
      description: r.description,
      classification: r.classification,
      responsible: { id: r.responsibleId, name: r.responsibleName, shortName: r.responsibleShortName },
    })),
    query.limit,
  )
}

export async function apiGetDataElement(viewer: Viewer, idOrCode: string) {
  const found = await db.dataElement.findFirst({
    where: { OR: [{ id: idOrCode }, { code: idOrCode }] },
    select: { id: true },
  })
  const d = found && (await getDataElement(viewer, found.id))
  if (!d) return null
  return {
    id: d.id,
    code: d.code,
    name: d.name,
    description: d.description,
    classification: d.classification,
    responsible: d.responsible,
    stewards: d.stewards.map((s) => ({ name: s.name })),
    services: d.services.map(({ id, code, name }) => ({ id, code, name })),
    schemas: d.schemas.map(({ id, code, name }) => ({ id, code, name })),
  }
}
