import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db/client'
import { listNotifications, unreadCount } from '@/lib/notifications/queries'
import { createCentralPerson, createMember } from '@/prisma/factories'
import { approveAgreement, rejectAgreement, scheduleMeeting } from './cases'
import { caseAt, levels, meeting, openCase, scenario, viewer } from '@/test/support/scenario'

const titlesFor = async (personId: string, caseId: string) =>
  (
    await db.notification.findMany({
      where: { recipientId: personId, caseId },
      orderBy: { createdAt: 'asc' },
      select: { title: true },
    })
  ).map((n) => n.title.replace(/N° \d+/, 'N° X'))

describe('who is told what a case now waits on', () => {
  it('asks the business administrators of both sides to sign once the provider approved, naming the step', async () => {
    const c = await caseAt('agreementRequested')
    const secondProviderAdmin = await createMember(db, c.provider.id, 'BUSINESS_ADMIN')
    await approveAgreement(c.people.providerBusiness, c.caseId, levels)

    expect(await titlesFor(c.people.consumerBusiness.personId, c.caseId)).toEqual([
      'Caso N° X: Solicitar el acuerdo al proveedor',
      'Caso N° X: Firmar el acuerdo',
    ])
    // The case already waited on the provider (to review); now it waits on it for something else: to sign.
    // (Designated after the request, this administrator was never asked to review.)
    expect(await titlesFor(secondProviderAdmin.id, c.caseId)).toEqual(['Caso N° X: Firmar el acuerdo'])
    // Whoever made the move is not told about it.
    expect(await titlesFor(c.people.providerBusiness.personId, c.caseId)).toEqual(['Caso N° X: Aprobar el acuerdo'])
  })

  it("tells the consumer's CTD and business administrator why a rejected agreement closed the case", async () => {
    const c = await caseAt('agreementRequested')
    await rejectAgreement(c.people.providerBusiness, c.caseId, 'La finalidad no justifica el acceso.')
    for (const person of [c.people.consumerCtd, c.people.consumerBusiness]) {
      const notice = await db.notification.findFirstOrThrow({
        where: { recipientId: person.personId, caseId: c.caseId, kind: 'case.agreementRejected' },
      })
      expect(notice.title).toMatch(/^Caso N° \d+: el proveedor rechazó el acuerdo$/)
      expect(notice.body).toMatch(
        /y el caso quedó cerrado; puedes abrir un nuevo caso cuando lo hayas resuelto\. Motivo del rechazo: La finalidad no justifica el acceso\.$/,
      )
    }
    expect(
      await db.notification.count({
        where: { recipientId: c.people.consumerTech.personId, caseId: c.caseId, kind: 'case.agreementRejected' },
      }),
    ).toBe(0)
  })
})

describe('notices resolve when their step is done', () => {
  const waitingNotices = (caseId: string) =>
    db.notification.findMany({
      where: { caseId, kind: { startsWith: 'case.waiting.' } },
      select: { recipientId: true, title: true, resolvedAt: true },
    })

  it("resolves every reviewer's notice once one of them schedules the meeting, and keeps it in their inbox", async () => {
    const s = await scenario()
    const otherReviewer = await viewer((await createCentralPerson(db, 'DGD_REVIEWER')).id)
    const caseId = await openCase(s)
    expect(await unreadCount(otherReviewer)).toBe(1)

    await scheduleMeeting(s.people.reviewer, caseId, meeting)

    // Only the next step is pending now; the done one stays in the inbox, marked as resolved.
    expect(await unreadCount(otherReviewer)).toBe(1)
    const inbox = await listNotifications(otherReviewer)
    expect(inbox.rows.map((n) => [n.title.replace(/N° \d+/, 'N° X'), n.resolvedAt !== null])).toEqual([
      ['Caso N° X: Registrar la reunión realizada', false],
      ['Caso N° X: Agendar la reunión', true],
    ])
  })

  it('leaves nothing pending on a connected case, for anyone', async () => {
    const c = await caseAt('connected')
    const notices = await waitingNotices(c.caseId)
    expect(notices.length).toBeGreaterThan(5)
    expect(notices.filter((n) => n.resolvedAt === null)).toEqual([])
  })

  it('resolves what the provider was asked when it rejects the agreement and the case closes', async () => {
    const c = await caseAt('agreementRequested')
    await rejectAgreement(c.people.providerBusiness, c.caseId, 'No corresponde.')
    expect((await waitingNotices(c.caseId)).filter((n) => n.resolvedAt === null)).toEqual([])
  })

  it("tells the consumer's CTD what the checklist still misses when the development node is delivered", async () => {
    const c = await caseAt('devNodeProvisioned')
    const notice = await db.notification.findFirstOrThrow({
      where: { caseId: c.caseId, recipientId: c.people.consumerCtd.personId, resolvedAt: null },
      select: { title: true, body: true },
    })
    expect(notice.title).toMatch(/^Caso N° \d+: completar los requisitos del paso a producción$/)
    expect(notice.body).toContain(
      'Para solicitar el paso a producción falta: Acuerdo vigente con el proveedor (Ambas partes deben firmar el acuerdo aprobado.)',
    )
    expect(notice.body).toContain('Prueba de conectividad exitosa en los últimos 30 días')
    expect(notice.body).toContain('Capacitación de consumo asistida')
    expect(notice.body).toContain('Convenio de cooperación con SEGPRES vigente')
    expect(notice.body).not.toContain('Administradores técnico y de negocio designados')
  })

  it("tells the consumer's CTD and administrators that the case is connected", async () => {
    const c = await caseAt('connected')
    for (const person of [c.people.consumerCtd, c.people.consumerBusiness, c.people.consumerTech]) {
      const notice = await db.notification.findFirstOrThrow({
        where: { recipientId: person.personId, caseId: c.caseId, kind: 'case.connected' },
      })
      expect(notice.title).toMatch(/^Caso N° \d+: conectado a producción$/)
      expect(notice.body).toContain('quedó conectado')
    }
    expect(
      await db.notification.count({
        where: { recipientId: c.people.providerBusiness.personId, caseId: c.caseId, kind: 'case.connected' },
      }),
    ).toBe(0)
  })

  it('resolves, on migrating, the notices written before they named their step once their case moved on', async () => {
    const connected = await caseAt('connected')
    const held = await caseAt('meetingHeld', { requiresAgreement: false })
    const reviewer = held.people.reviewer.personId
    const legacy = async (caseId: string, minutesAgo: number) =>
      (
        await db.notification.create({
          data: {
            recipientId: reviewer,
            kind: 'case.waiting.DGD_REVIEWER',
            title: 'x',
            body: 'x',
            link: '/',
            caseId,
            createdAt: new Date(Date.now() - minutesAgo * 60_000),
          },
        })
      ).id
    const onConnected = await legacy(connected.caseId, 30)
    const superseded = await legacy(held.caseId, 20)
    const current = await legacy(held.caseId, 10)
    const sql = readFileSync(
      path.join('prisma/migrations/20261130104905_notification_resolved_backfill/migration.sql'),
      'utf8',
    )
    await db.$executeRawUnsafe(sql)
    const resolved = async (id: string) =>
      (await db.notification.findUniqueOrThrow({ where: { id } })).resolvedAt !== null
    expect([await resolved(onConnected), await resolved(superseded), await resolved(current)]).toEqual([
      true,
      true,
      false,
    ])
  })
})
