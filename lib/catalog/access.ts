/**
 * "Solicitar acceso" on a service's page. Asking the DGD for a meeting speaks for the institution, and
 * that is its CTD's (PRODUCT.md: the CTD requests meetings; `connections.request`). Anyone else of a
 * consumer institution — a technical or business administrator browsing the catalog — sees who their
 * CTDs are and may hand the request over to them: the CTDs get a notice whose link opens the meeting
 * request with this service already chosen. Asked once a day per person and service.
 */
import { createTranslator } from 'next-intl'
import { recordAudit } from '@/lib/audit/record'
import type { Principal } from '@/lib/auth/roles'
import { can } from '@/lib/auth/roles'
import { db } from '@/lib/db/client'
import { DomainError } from '@/lib/errors'
import { locale } from '@/lib/i18n/config'
import { messages } from '@/lib/i18n/messages'
import { notify } from '@/lib/notifications/notify'
import { activeMembers } from '@/lib/workflow/recipients'

const t = createTranslator({ locale, messages, namespace: 'catalog.access' })

/** How long a hand-over stands before the same person may ask again for the same service. */
export const ASK_AGAIN_AFTER_MS = 24 * 60 * 60 * 1000

export type AccessPath =
  | { kind: 'notPublished' }
  | { kind: 'own' }
  | { kind: 'request' }
  | { kind: 'askCtd'; institutionId: string; institutionName: string; ctds: { name: string; email: string | null }[] }
  | { kind: 'noInstitution' }

/** The viewer's way to access a service of `providerId` in `status`. */
export async function accessPathFor(
  viewer: Principal,
  service: { status: string; providerId: string },
): Promise<AccessPath> {
  if (service.status !== 'PUBLISHED') return { kind: 'notPublished' }
  const others = viewer.memberships.filter((m) => m.institutionId !== service.providerId)
  if (viewer.memberships.length > 0 && others.length === 0) return { kind: 'own' }
  if (others.some((m) => can(viewer, 'connections.request', m.institutionId))) return { kind: 'request' }
  const institutionId = others[0]?.institutionId
  if (!institutionId) return { kind: 'noInstitution' }
  const institution = await db.institution.findUniqueOrThrow({
    where: { id: institutionId },
    select: {
      name: true,
      memberships: {
        where: { role: 'CTD', endedAt: null, person: { disabledAt: null } },
        select: { person: { select: { name: true, email: true } } },
        orderBy: { person: { name: 'asc' } },
      },
    },
  })
  return {
    kind: 'askCtd',
    institutionId,
    institutionName: institution.name,
    ctds: institution.memberships.map((m) => m.person),
  }
}

/**
 * Hands the access request for a published service over to the CTDs of the asker's institution (one
 * transaction: the notice and its audit event). Refused for one's own institution's services, for
 * those who may request it themselves, and a second time within a day.
 */
export async function askCtdForAccess(viewer: Principal, serviceId: string, note: string, now = new Date()) {
  const service = await db.service.findUnique({
    where: { id: serviceId },
    select: { id: true, code: true, name: true, status: true, providerId: true, provider: { select: { name: true } } },
  })
  if (!service || service.status !== 'PUBLISHED') throw new DomainError('notFound')
  const path = await accessPathFor(viewer, service)
  if (path.kind !== 'askCtd') throw new DomainError('forbidden')
  const asker = await db.person.findUniqueOrThrow({ where: { id: viewer.personId }, select: { name: true } })
  return db.$transaction(async (tx) => {
    // One hand-over a day per person and service: the person's row is the lock, the audit log the record.
    await tx.$queryRaw`SELECT id FROM "Person" WHERE id = ${viewer.personId} FOR UPDATE`
    const recent = await tx.auditEvent.findFirst({
      where: {
        actorId: viewer.personId,
        action: 'service.accessAsked',
        targetId: service.id,
        at: { gt: new Date(now.getTime() - ASK_AGAIN_AFTER_MS) },
      },
      select: { id: true },
    })
    if (recent) throw new DomainError('accessAlreadyAsked')
    const recipientIds = await activeMembers(tx, path.institutionId, ['CTD'])
    if (recipientIds.length === 0) throw new DomainError('accessNoCtd')
    await notify(tx, {
      recipientIds,
      kind: 'catalog.accessAsked',
      title: t('noticeTitle', { person: asker.name, service: service.name }),
      body: t(note ? 'noticeBodyNote' : 'noticeBody', {
        person: asker.name,
        service: service.name,
        code: service.code,
        provider: service.provider.name,
        note,
      }),
      link: `/connections/new?service=${service.id}`,
    })
    await recordAudit(tx, {
      actorId: viewer.personId,
      action: 'service.accessAsked',
      targetType: 'Service',
      targetId: service.id,
      institutionId: path.institutionId,
      after: { recipients: recipientIds.length, ...(note ? { note } : {}) },
    })
    return { recipients: recipientIds.length }
  })
}
