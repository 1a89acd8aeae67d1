/**
 * The catalog's upkeep: a published service not reviewed in 12 months is stale, and its provider is
 * told once (`runCatalogReviewJob`, run by the job runner); deprecating a service or a schema version
 * tells every consumer institution with an agreement for it the date it stops.
 */
import { createTranslator } from 'next-intl'
import { authorize, type Principal } from '@/lib/auth/roles'
import { recordAudit } from '@/lib/audit/record'
import { staleBefore } from '@/lib/catalog/completeness'
import { db, type Db, type Tx } from '@/lib/db/client'
import { formatCalendarDate } from '@/lib/dates'
import { DomainError } from '@/lib/errors'
import { locale } from '@/lib/i18n/config'
import { messages } from '@/lib/i18n/messages'
import { notify } from '@/lib/notifications/notify'
import { activeMembers } from '@/lib/workflow/recipients'
import type { DeprecationInput } from './schemas'

const t = createTranslator({ locale, messages, namespace: 'review.notify' })

/**
 * Whether the job tells a published service's provider it is stale at `now` (the 12 months of
 * lib/catalog/completeness.ts): a service never reviewed counts from its creation.
 */
export function isStale(service: { lastReviewedAt: Date | null; createdAt: Date }, now: Date): boolean {
  return (service.lastReviewedAt ?? service.createdAt) <= staleBefore(now)
}

const BATCH = 200

/**
 * Tells the provider (its technical administrators and CTDs) of each published service that became
 * stale, once: `staleNotifiedAt` is set in the same conditional write, and a new publication clears
 * it. Running it again, or twice at once, tells nobody twice. Returns how many services were flagged.
 * Registered daily in lib/jobs/registry.ts; the demo seed runs it once on its own client.
 */
export async function runCatalogReviewJob(now: Date = new Date(), client: Db = db): Promise<{ flagged: number }> {
  const cutoff = staleBefore(now)
  const where = {
    status: 'PUBLISHED' as const,
    staleNotifiedAt: null,
    OR: [{ lastReviewedAt: { lte: cutoff } }, { lastReviewedAt: null, createdAt: { lte: cutoff } }],
  }
  let flagged = 0
  for (;;) {
    const batch = await client.service.findMany({
      where,
      orderBy: { id: 'asc' },
      take: BATCH,
      select: { id: true, code: true, name: true, providerId: true, lastReviewedAt: true, createdAt: true },
    })
    if (batch.length === 0) break
    // One transaction a batch: the rows are claimed under lock (a concurrent run skips them), marked,
    // and their providers told, all committed together.
    const claimedCount = await client.$transaction(
      async (tx) => {
        const claimed = new Set(
          (
            await tx.$queryRaw<{ id: string }[]>`
              SELECT id FROM "Service"
              WHERE id = ANY(${batch.map((b) => b.id)}) AND "staleNotifiedAt" IS NULL
              FOR UPDATE SKIP LOCKED`
          ).map((r) => r.id),
        )
        const mine = batch.filter((service) => claimed.has(service.id))
        if (mine.length === 0) return 0
        await tx.service.updateMany({
          where: { id: { in: mine.map((m) => m.id) }, staleNotifiedAt: null },
          data: { staleNotifiedAt: now },
        })
        for (const service of mine) {
          flagged++
          const recipientIds = await activeMembers(tx, service.providerId, ['TECHNICAL_ADMIN', 'CTD'])
          await notify(tx, {
            recipientIds,
            kind: 'catalog.stale',
            title: t('staleTitle', { service: service.name }),
            body: t('staleBody', {
              service: service.name,
              code: service.code,
              date: formatCalendarDate(service.lastReviewedAt ?? service.createdAt),
            }),
            link: `/catalog/services/${service.id}`,
          })
          await recordAudit(tx, {
            actorId: null,
            action: 'service.stale',
            targetType: 'Service',
            targetId: service.id,
            institutionId: service.providerId,
            after: { staleNotifiedAt: now.toISOString() },
          })
        }
        return mine.length
      },
      { maxWait: 30_000, timeout: 120_000 },
    )
    // Nothing claimed: a concurrent run holds these rows and tells their providers.
    if (claimedCount === 0 || batch.length < BATCH) break
  }
  return { flagged }
}

// ─────────────────────────────── Deprecation ───────────────────────────────

/** Consumer institutions with an agreement approved or in force for any of these services. */
async function consumersWithAgreement(tx: Tx, serviceIds: string[]): Promise<string[]> {
  const cases = await tx.connectionCase.findMany({
    where: { serviceId: { in: serviceIds }, agreement: { status: { in: ['APPROVED', 'IN_FORCE'] } } },
    select: { consumerId: true },
  })
  return [...new Set(cases.map((c) => c.consumerId))]
}

async function tellConsumers(
  tx: Tx,
  serviceIds: string[],
  subject: string,
  input: DeprecationInput,
  link: string,
  exceptPersonId: string,
) {
  const consumers = await consumersWithAgreement(tx, serviceIds)
  const recipientIds = (await activeMembers(tx, consumers, ['CTD', 'BUSINESS_ADMIN', 'TECHNICAL_ADMIN'])).filter(
    (id) => id !== exceptPersonId,
  )
  const date = formatCalendarDate(input.stopsOn)
  await notify(tx, {
    recipientIds,
    kind: 'catalog.deprecated',
    title: t('deprecatedTitle', { subject, date }),
    body: t('deprecatedBody', { subject, date, reason: input.reason }),
    link,
  })
  return { consumers: consumers.length, recipients: recipientIds.length }
}

function refusePastDate(stopsOn: Date, now: Date) {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())
  if (stopsOn.getTime() <= today) throw new DomainError('deprecationDateInPast', {}, 'stopsOn')
}

/**
 * The provider's technical administrator or the DGD deprecates a published service, with the date it
 * stops: its published version is DEPRECATED, and every consumer with an agreement for it is told.
 */
export async function deprecateService(actor: Principal, serviceId: string, input: DeprecationInput, now = new Date()) {
  const found = await db.service.findUnique({ where: { id: serviceId }, select: { providerId: true } })
  if (!found) throw new DomainError('notFound')
  authorize(actor, 'publications.deprecate', found.providerId)
  refusePastDate(input.stopsOn, now)
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "Service" WHERE id = ${serviceId} FOR UPDATE`
    const service = await tx.service.findUniqueOrThrow({
      where: { id: serviceId },
      select: { id: true, code: true, name: true, providerId: true, status: true },
    })
    if (service.status === 'DEPRECATED') throw new DomainError('alreadyDeprecated')
    if (service.status !== 'PUBLISHED') throw new DomainError('publicationWrongState')
    await tx.service.update({
      where: { id: serviceId },
      data: { status: 'DEPRECATED', deprecatedAt: now, stopsOn: input.stopsOn },
    })
    await tx.serviceVersion.updateMany({ where: { serviceId, status: 'PUBLISHED' }, data: { status: 'DEPRECATED' } })
    const told = await tellConsumers(
      tx,
      [serviceId],
      `${service.name} (${service.code})`,
      input,
      `/catalog/services/${serviceId}`,
      actor.personId,
    )
    await recordAudit(tx, {
      actorId: actor.personId,
      action: 'service.deprecate',
      targetType: 'Service',
      targetId: serviceId,
      institutionId: service.providerId,
      before: { status: service.status },
      after: { status: 'DEPRECATED', stopsOn: input.stopsOn.toISOString().slice(0, 10), reason: input.reason, ...told },
    })
    return told
  })
}

/**
 * The schema's owner or the DGD deprecates a published schema version, with the date it stops: every
 * consumer with an agreement for a service that uses the schema is told. When no published version
 * is left, the schema itself is deprecated with that date.
 */
export async function deprecateSchemaVersion(
  actor: Principal,
  schemaVersionId: string,
  input: DeprecationInput,
  now = new Date(),
) {
  const found = await db.schemaVersion.findUnique({
    where: { id: schemaVersionId },
    select: { schemaId: true, schema: { select: { ownerId: true } } },
  })
  if (!found) throw new DomainError('notFound')
  authorize(actor, 'publications.deprecate', found.schema.ownerId)
  refusePastDate(input.stopsOn, now)
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "Schema" WHERE id = ${found.schemaId} FOR UPDATE`
    const version = await tx.schemaVersion.findUniqueOrThrow({
      where: { id: schemaVersionId },
      select: {
        version: true,
        status: true,
        schema: {
          select: { id: true, code: true, name: true, ownerId: true, services: { select: { serviceId: true } } },
        },
      },
    })
    if (version.status === 'DEPRECATED') throw new DomainError('alreadyDeprecated')
    if (version.status !== 'PUBLISHED') throw new DomainError('publicationWrongState')
    await tx.schemaVersion.update({ where: { id: schemaVersionId }, data: { status: 'DEPRECATED' } })
    const stillPublished = await tx.schemaVersion.count({ where: { schemaId: found.schemaId, status: 'PUBLISHED' } })
    if (stillPublished === 0) {
      await tx.schema.update({
        where: { id: found.schemaId },
        data: { status: 'DEPRECATED', deprecatedAt: now, stopsOn: input.stopsOn },
      })
    }
    const schema = version.schema
    const told = await tellConsumers(
      tx,
      schema.services.map((s) => s.serviceId),
      `${schema.name} (${schema.code}) v${version.version}`,
      input,
      `/catalog/schemas/${schema.id}`,
      actor.personId,
    )
    await recordAudit(tx, {
      actorId: actor.personId,
      action: 'schemaVersion.deprecate',
      targetType: 'SchemaVersion',
      targetId: schemaVersionId,
      institutionId: schema.ownerId,
      before: { status: version.status },
      after: { status: 'DEPRECATED', stopsOn: input.stopsOn.toISOString().slice(0, 10), reason: input.reason, ...told },
    })
    return told
  })
}
