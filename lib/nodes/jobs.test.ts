import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db/client'
import { createNodeCredential } from '@/prisma/factories'
import { caseAt } from '@/test/support/scenario'
import { effectiveGrantsForNode } from './grants'
import { runNodeAccessJob } from './jobs'

/** A Chilean local time: UTC−3 in summer (until the first Saturday of April), UTC−4 in winter. */
const chile = (local: string) =>
  new Date(`${local}:00${local >= '2030-04-06' && local < '2030-09-08' ? '-04:00' : '-03:00'}`)
const day = (iso: string) => new Date(`${iso}T00:00:00Z`)

async function connected(endsOn: string | null, terminatesOn: string | null = null) {
  const c = await caseAt('connected')
  await db.agreement.update({
    where: { caseId: c.caseId },
    data: { endsOn: endsOn ? day(endsOn) : null, terminatesOn: terminatesOn ? day(terminatesOn) : null },
  })
  const grant = await db.accessGrant.findUniqueOrThrow({
    where: { caseId_environment: { caseId: c.caseId, environment: 'PRODUCTION' } },
    select: { nodeId: true, node: { select: { environment: true } } },
  })
  return { ...c, nodeId: grant.nodeId }
}
const parties = (c: Awaited<ReturnType<typeof connected>>) =>
  [c.people.consumerCtd, c.people.consumerBusiness, c.people.providerCtd, c.people.providerBusiness]
    .map((p) => p.personId)
    .sort()
const noticesOf = async (caseId: string, kind: string) =>
  (await db.notification.findMany({ where: { caseId, kind: { startsWith: kind } }, select: { recipientId: true } }))
    .map((n) => n.recipientId)
    .sort()

describe('runNodeAccessJob (fixed clock, Chile dates)', { timeout: 90_000 }, () => {
  it('tells both parties 30 days before the end, expires the agreement the day after its end, once', async () => {
    const c = await connected('2030-03-31')
    // 31 days before the last day: nothing yet.
    await runNodeAccessJob(chile('2030-02-28T23:59'))
    expect(await noticesOf(c.caseId, 'agreement.ending')).toEqual([])
    // 30 days before, in Chile (01:00 UTC on 1 March is still 28 February there, so use local time).
    const first = await runNodeAccessJob(chile('2030-03-01T00:00'))
    expect(first.agreementEndingNotices).toBeGreaterThanOrEqual(1)
    expect(await noticesOf(c.caseId, 'agreement.ending')).toEqual(parties(c))
    await runNodeAccessJob(chile('2030-03-01T00:00'))
    await runNodeAccessJob(chile('2030-03-20T12:00'))
    expect(await noticesOf(c.caseId, 'agreement.ending')).toEqual(parties(c))

    // Last day: still in force, and listed.
    await runNodeAccessJob(chile('2030-03-31T23:59'))
    expect((await db.agreement.findUniqueOrThrow({ where: { caseId: c.caseId } })).status).toBe('IN_FORCE')
    expect(await effectiveGrantsForNode(c.nodeId, chile('2030-03-31T23:59'))).toHaveLength(1)

    const at = chile('2030-04-01T00:00')
    const ran = await runNodeAccessJob(at)
    expect(ran.agreementsExpired).toBeGreaterThanOrEqual(1)
    expect((await db.agreement.findUniqueOrThrow({ where: { caseId: c.caseId } })).status).toBe('EXPIRED')
    expect(await effectiveGrantsForNode(c.nodeId, at)).toEqual([])
    const grants = await db.accessGrant.findMany({ where: { caseId: c.caseId }, select: { endReason: true } })
    expect(grants.every((g) => g.endReason === 'el acuerdo llegó a su fecha de término.')).toBe(true)
    expect(await noticesOf(c.caseId, 'agreement.expired')).toEqual(parties(c))

    // Idempotent: again, and again later, change and tell nothing more.
    const again = await runNodeAccessJob(at)
    expect(again.agreementsExpired).toBe(0)
    await runNodeAccessJob(chile('2030-05-01T10:00'))
    expect(await noticesOf(c.caseId, 'agreement.expired')).toEqual(parties(c))
    expect(await db.auditEvent.count({ where: { action: 'agreement.expire', institutionId: c.consumer.id } })).toBe(1)
  })

  it('makes a termination effective on its date, once', async () => {
    const c = await connected(null, '2030-06-15')
    await runNodeAccessJob(chile('2030-06-14T23:59'))
    expect((await db.agreement.findUniqueOrThrow({ where: { caseId: c.caseId } })).status).toBe('IN_FORCE')
    await Promise.all([runNodeAccessJob(chile('2030-06-15T00:00')), runNodeAccessJob(chile('2030-06-15T00:01'))])
    expect((await db.agreement.findUniqueOrThrow({ where: { caseId: c.caseId } })).status).toBe('TERMINATED')
    expect(await noticesOf(c.caseId, 'agreement.terminated')).toEqual(parties(c))
  })

  it('reminds the technical administrators 30 and 7 days before a credential expires, once each', async () => {
    const c = await connected(null)
    const node = { id: c.nodeId, environment: 'PRODUCTION' as const }
    const { credential } = await createNodeCredential(db, node, c.people.consumerTech.personId, {
      issuedAt: chile('2029-07-01T10:00'),
      expiresAt: chile('2030-07-01T10:00'),
    })
    const reminders = () =>
      db.notification.findMany({
        where: { kind: { startsWith: 'node.credential.expiring' }, recipientId: c.people.consumerTech.personId },
        select: { kind: true },
        orderBy: { kind: 'asc' },
      })
    await runNodeAccessJob(chile('2030-05-31T23:00'))
    expect(await reminders()).toEqual([])
    await runNodeAccessJob(chile('2030-06-01T00:00'))
    await runNodeAccessJob(chile('2030-06-01T00:00'))
    expect(await reminders()).toEqual([{ kind: 'node.credential.expiring.30' }])
    await runNodeAccessJob(chile('2030-06-23T23:59'))
    expect(await reminders()).toHaveLength(1)
    await runNodeAccessJob(chile('2030-06-24T00:00'))
    await runNodeAccessJob(chile('2030-06-30T00:00'))
    expect(await reminders()).toEqual([{ kind: 'node.credential.expiring.30' }, { kind: 'node.credential.expiring.7' }])
    const stored = await db.nodeCredential.findUniqueOrThrow({ where: { id: credential.id } })
    expect(stored.reminded30At).toEqual(chile('2030-06-01T00:00'))
    expect(stored.reminded7At).toEqual(chile('2030-06-24T00:00'))
  })
})
