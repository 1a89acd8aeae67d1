/**
 * The demo catalog (issue 10): services of ~30 providers with their specifications and versions,
 * the data directory and shared schemas, in every status, some not reviewed for over a year.
 * Data: prisma/data/catalog.json; documents: prisma/catalog-specs.ts. Runs after seedOnboarding,
 * whose services it completes.
 */
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { dataElementSearchText, schemaSearchText, serviceSearchText } from '@/lib/catalog/search'
import type { Db } from '@/lib/db/client'
import { runCatalogReviewJob } from '@/lib/review/jobs'
import type {
  CatalogStatus,
  DataClassification,
  EnvironmentStatus,
  SchemaFormat,
  SchemaKind,
  ServiceProtocol,
} from '@/lib/generated/prisma/enums'
import { openApiFor, schemaContentFor, wsdlFor } from './catalog-specs'

type VersionSeed = [version: string, changes: string, status: CatalogStatus]
type Operation = { method: string; path: string; summary: string } | { name: string; summary: string }

export type CatalogSeed = {
  dataElements: {
    code: string
    name: string
    description: string
    classification: DataClassification
    responsible: string
  }[]
  schemas: {
    code: string
    name: string
    description: string
    kind: SchemaKind
    format: SchemaFormat
    owner: string
    status: CatalogStatus
    dataElements: string[]
    versions: VersionSeed[]
  }[]
  services: {
    code: string
    name: string | null
    provider: string
    protocol: ServiceProtocol
    description: string | null
    operations: Operation[]
    dataElements: string[]
    schemas: string[]
    procedures: string[]
    status: CatalogStatus
    reviewedMonthsAgo: number | null
    versions: VersionSeed[]
    serviceLevels: boolean
    contacts: boolean
    requiresAgreement: boolean
    devStatus: EnvironmentStatus
    prodStatus: EnvironmentStatus
    existing: boolean
    stopsInDays: number | null
  }[]
}

const dataDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'data')
const DAY = 86_400_000

export function readCatalogSeed(): CatalogSeed {
  return JSON.parse(readFileSync(path.join(dataDir, 'catalog.json'), 'utf8')) as CatalogSeed
}

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex')

function monthsAgo(months: number, now: Date): Date {
  const d = new Date(now)
  d.setUTCMonth(d.getUTCMonth() - months)
  return d
}

const slugOf = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')

export const defaultServiceLevels = {
  availability: 99.5,
  p95Ms: 800,
  supportHours: 'Lunes a viernes de 09:00 a 18:00',
}

export function defaultContacts(providerShortName: string) {
  const slug = slugOf(providerShortName)
  return [
    {
      name: `Mesa de interoperabilidad ${providerShortName}`,
      email: `interoperabilidad@${slug}.example.gob.cl`,
      role: 'Soporte técnico',
    },
  ]
}

/** The version a service shows: its newest published (or deprecated) one, else its newest. */
function currentVersion(versions: VersionSeed[]): string {
  const listed = [...versions].reverse()
  return (listed.find(([, , s]) => s === 'PUBLISHED' || s === 'DEPRECATED') ?? listed[0]!)[0]
}

export async function seedCatalog(
  db: Db,
  now = new Date(),
): Promise<{ services: number; schemas: number; dataElements: number }> {
  const data = readCatalogSeed()
  const institutions = new Map(
    (await db.institution.findMany({ select: { id: true, shortName: true, name: true } })).map((i) => [i.shortName, i]),
  )
  const institution = (shortName: string) => {
    const found = institutions.get(shortName)
    if (!found) throw new Error(`The catalog seed names an unknown institution: ${shortName}`)
    return found
  }
  // One member per institution signs what it proposed (versions) and is steward of its data.
  const members = new Map<string, string>()
  for (const m of await db.membership.findMany({
    where: { endedAt: null },
    orderBy: [{ role: 'asc' }, { startedAt: 'asc' }],
    select: { institutionId: true, personId: true },
  })) {
    if (!members.has(m.institutionId)) members.set(m.institutionId, m.personId)
  }

  // Data directory.
  await db.dataElement.createMany({
    data: data.dataElements.map((d) => {
      const responsible = institution(d.responsible)
      return {
        code: d.code,
        name: d.name,
        description: d.description,
        classification: d.classification,
        responsibleId: responsible.id,
        searchText: dataElementSearchText({
          ...d,
          responsibleName: responsible.name,
          responsibleShortName: responsible.shortName,
        }),
      }
    }),
  })
  const elements = new Map(
    (await db.dataElement.findMany({ select: { id: true, code: true, name: true, responsibleId: true } })).map((d) => [
      d.code,
      d,
    ]),
  )
  const element = (code: string) => {
    const found = elements.get(code)
    if (!found) throw new Error(`The catalog seed names an unknown data element: ${code}`)
    return found
  }
  await db.dataSteward.createMany({
    data: [...elements.values()].flatMap((d) => {
      const personId = members.get(d.responsibleId)
      return personId ? [{ dataElementId: d.id, personId }] : []
    }),
  })

  // Schemas.
  const schemaIds = new Map<string, string>()
  for (const [index, s] of data.schemas.entries()) {
    const owner = institution(s.owner)
    const created = await db.schema.create({
      data: {
        code: s.code,
        name: s.name,
        description: s.description,
        kind: s.kind,
        format: s.format,
        ownerId: owner.id,
        status: s.status,
        searchText: schemaSearchText({ ...s, ownerName: owner.name, ownerShortName: owner.shortName }),
        deprecatedAt: s.status === 'DEPRECATED' ? monthsAgo(2, now) : null,
        stopsOn: s.status === 'DEPRECATED' ? new Date(now.getTime() + 90 * DAY) : null,
        dataElements: { create: s.dataElements.map((code) => ({ dataElementId: element(code).id })) },
      },
    })
    schemaIds.set(s.code, created.id)
    await db.schemaVersion.createMany({
      data: s.versions.map(([version, changes, status], i) => {
        // Each version carries the fields of the elements it had then (the last has them all).
        const fields = s.dataElements.slice(0, Math.max(1, s.dataElements.length - (s.versions.length - 1 - i)))
        const content = schemaContentFor({ ...s, version, fields: fields.map((c) => element(c).name) })
        const createdAt = monthsAgo(6 * (s.versions.length - i) + index, now)
        return {
          schemaId: created.id,
          version,
          status,
          content,
          contentSha256: sha256(content),
          changes,
          createdById: members.get(owner.id) ?? null,
          createdAt,
          publishedAt: status === 'DRAFT' || status === 'IN_REVIEW' ? null : createdAt,
        }
      }),
    })
  }

  // Services: those seedOnboarding created are completed; the others created.
  const existing = new Map(
    (await db.service.findMany({ select: { id: true, code: true, name: true, description: true } })).map((s) => [
      s.code,
      s,
    ]),
  )
  for (const [index, s] of data.services.entries()) {
    const provider = institution(s.provider)
    const before = existing.get(s.code)
    const name = s.name ?? before?.name
    const description = s.description ?? before?.description
    if (!name || !description) throw new Error(`The catalog seed's service ${s.code} has no name or description`)
    const slug = s.code.toLowerCase()
    const devEndpoint = `https://dev.interop.example.gob.cl/${slug}`
    const prodEndpoint = `https://interop.example.gob.cl/${slug}`
    const version = currentVersion(s.versions)
    const fields = {
      name,
      description,
      providerId: provider.id,
      version,
      protocol: s.protocol,
      requiresAgreement: s.requiresAgreement,
      devEndpoint,
      prodEndpoint: s.prodStatus === 'NOT_OFFERED' ? null : prodEndpoint,
      status: s.status,
      devStatus: s.devStatus,
      prodStatus: s.prodStatus,
      procedures: s.procedures,
      serviceLevels: s.serviceLevels ? defaultServiceLevels : undefined,
      contacts: s.contacts ? defaultContacts(provider.shortName) : undefined,
      lastReviewedAt: s.reviewedMonthsAgo === null ? null : monthsAgo(s.reviewedMonthsAgo, now),
      deprecatedAt: s.status === 'DEPRECATED' ? monthsAgo(1, now) : null,
      stopsOn:
        s.stopsInDays === null
          ? null
          : new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) + s.stopsInDays * DAY),
      searchText: serviceSearchText({
        code: s.code,
        name,
        description,
        providerName: provider.name,
        providerShortName: provider.shortName,
        procedures: s.procedures,
      }),
    }
    const service = before
      ? await db.service.update({ where: { id: before.id }, data: fields, select: { id: true } })
      : await db.service.create({ data: { code: s.code, ...fields }, select: { id: true } })
    await db.serviceVersion.createMany({
      data: s.versions.map(([v, changes, status], i) => {
        // Older versions had fewer operations: one less per version back, at least one.
        const operations = s.operations.slice(0, Math.max(1, s.operations.length - (s.versions.length - 1 - i)))
        const source = { code: s.code, name, description, version: v, devEndpoint, prodEndpoint, operations }
        const spec = new TextEncoder().encode(s.protocol === 'REST' ? openApiFor(source) : wsdlFor(source))
        const createdAt = monthsAgo(5 * (s.versions.length - i) + (index % 5), now)
        return {
          serviceId: service.id,
          version: v,
          status,
          specFormat: s.protocol === 'REST' ? ('OPENAPI' as const) : ('WSDL' as const),
          spec,
          specSha256: sha256(spec),
          operations,
          changes,
          createdById: members.get(provider.id) ?? null,
          createdAt,
          publishedAt: status === 'DRAFT' || status === 'IN_REVIEW' ? null : createdAt,
        }
      }),
    })
    await db.serviceDataElement.createMany({
      data: s.dataElements.map((code) => ({ serviceId: service.id, dataElementId: element(code).id })),
    })
    await db.serviceSchema.createMany({
      data: s.schemas.map((code) => {
        const schemaId = schemaIds.get(code)
        if (!schemaId) throw new Error(`The catalog seed names an unknown schema: ${code}`)
        return { serviceId: service.id, schemaId }
      }),
    })
  }
  // The stale services' providers were told, as the daily job (lib/review/jobs.ts) does, once: the
  // portal's own run then finds nobody new to tell. The demo's notices were "mailed" back then.
  const started = new Date()
  await runCatalogReviewJob(now, db)
  await db.notification.updateMany({
    where: { kind: 'catalog.stale', createdAt: { gte: started }, emailedAt: null },
    data: { emailedAt: now },
  })
  return { services: data.services.length, schemas: data.schemas.length, dataElements: data.dataElements.length }
}
