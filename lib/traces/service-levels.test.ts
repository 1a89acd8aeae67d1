import { describe, expect, it } from 'vitest'
import { loadViewer } from '@/lib/auth/load-viewer'
import { db } from '@/lib/db/client'
import { createCentralPerson, createMember } from '@/prisma/factories'
import { approveAgreement, requestAgreement } from '@/lib/connections/cases'
import { agreementTerms, caseAt, levels as textLevels } from '@/test/support/scenario'
import { traceScenario, wireRecord } from '@/test/support/traces'
import { dailyFigures, figureChoices } from './figures'
import { ingestTraces } from './ingest'
import { agreementServiceLevels, runServiceLevelJob } from './service-levels'
import { refreshDailyStats } from './stats'

const viewer = async (id: string) => (await loadViewer(id))!

/**
 * A scenario whose case has an agreement in force since 15 September 2026, 09:00 in Chile (12:00 UTC;
 * Chile is at UTC-3 from 6 September), held to 99 % availability and a p95 of 500 ms.
 */
async function agreementScenario() {
  const s = await traceScenario()
  const c = await db.connectionCase.create({
    data: {
      consumerId: s.consumer.id,
      providerId: s.provider.id,
      serviceId: s.service.id,
      requesterRole: 'CONSUMER',
      needs: 'Pruebas',
      requestedById: s.dgd.id,
      status: 'CONNECTED',
    },
  })
  const agreement = await db.agreement.create({
    data: {
      caseId: c.id,
      kind: 'CONVENIO',
      status: 'IN_FORCE',
      legalBasis: 'Ley 21.180',
      purpose: 'Pruebas',
      procedure: 'CPAT-1',
      dataRequested: 'Vigencia',
      expectedVolume: '100 al mes',
      requestedById: s.dgd.id,
      inForceFrom: new Date('2026-09-15T12:00:00Z'),
      slaAvailabilityPct: 99,
      slaP95Ms: 500,
    },
  })
  const report = async (side: 'provider' | 'consumer', records: [string, string, number][]) => {
    const node = side === 'provider' ? s.providerNode : s.consumerNode
    const outcome = await ingestTraces(node, {
      records: records.map(([time, result, latencyMs]) => wireRecord(s, { result, latencyMs }, new Date(time))),
    })
    expect(outcome.kind).toBe('stored')
  }
  return { ...s, case: c, agreement, report }
}

describe('service levels measured from the provider’s records', () => {
  it('counts each exchange in its Chilean month and day in force, from the provider’s reports only', async () => {
    const s = await agreementScenario()
    await s.report('provider', [
      // 14 Sept 23:00 in Chile: the day before the agreement came into force, not measured.
      ['2026-09-15T02:00:00Z', 'SERVER_ERROR', 100],
      // 30 Sept 23:30 in Chile (already 1 Oct in UTC): September.
      ['2026-10-01T02:30:00Z', 'OK', 100],
      ['2026-10-01T02:31:00Z', 'OK', 100],
      ['2026-10-01T02:32:00Z', 'OK', 100],
      ['2026-10-01T02:33:00Z', 'SERVER_ERROR', 900],
      ['2026-10-01T02:34:00Z', 'CLIENT_ERROR', 50],
      // 1 Oct 00:30 in Chile: October.
      ['2026-10-01T03:30:00Z', 'OK', 120],
      ['2026-10-01T03:31:00Z', 'OK', 120],
      ['2026-10-31T12:00:00Z', 'OK', 120],
      ['2026-10-31T12:01:00Z', 'CLIENT_ERROR', 120],
    ])
    // The consumer's own reports (its failures, its latency) are not the provider's measure.
    await s.report('consumer', [
      ['2026-10-10T12:00:00Z', 'TIMEOUT', 30000],
      ['2026-10-10T12:01:00Z', 'SERVER_ERROR', 30000],
    ])
    await refreshDailyStats()

    const member = await viewer((await createMember(db, s.provider.id, 'BUSINESS_ADMIN')).id)
    const levels = (await agreementServiceLevels(member, s.agreement.id, new Date('2026-11-10T15:00:00Z')))!
    expect(levels.targets).toEqual({ availabilityPct: 99, p95Ms: 500 })
    expect(levels.months.map((m) => [m.month, m.from, m.to, m.complete, m.exchanges])).toEqual([
      ['2026-11', '2026-11-01', '2026-11-10', false, 0],
      ['2026-10', '2026-10-01', '2026-10-31', true, 4],
      ['2026-09', '2026-09-15', '2026-09-30', true, 5],
    ])
    const [, october, september] = levels.months
    // September: 3 served of 4 (the consumer's error left out) = 75 %; its p95 in the 750–1,000 ms bucket.
    expect(september!.availabilityPct).toBe(75)
    expect(september!.errorRatePct).toBe(40)
    expect(september!.p95Ms).toBeGreaterThan(750)
    expect(september!.breaches).toEqual(['availability', 'latency'])
    expect(october!.availabilityPct).toBe(100)
    expect(october!.errorRatePct).toBe(25)
    expect(october!.p95Ms).toBeLessThanOrEqual(150)
    expect(october!.breaches).toEqual([])
  })

  it('tells both parties of a breached month once, with a fixed clock, and never of a month met', async () => {
    const s = await agreementScenario()
    const consumerAdmin = await createMember(db, s.consumer.id, 'BUSINESS_ADMIN')
    const providerCtd = await createMember(db, s.provider.id, 'CTD')
    const outsider = await createMember(db, s.outsider.id, 'BUSINESS_ADMIN')
    await s.report('provider', [
      ['2026-09-20T15:00:00Z', 'OK', 100],
      ['2026-09-20T15:01:00Z', 'TIMEOUT', 30000],
      ['2026-10-20T15:00:00Z', 'OK', 100],
    ])
    const notices = (personId: string) =>
      db.notification.findMany({ where: { recipientId: personId, kind: 'agreement.slaBreach' } })

    // 1 October 00:30 in Chile: September is over and judged.
    await runServiceLevelJob(new Date('2026-10-01T03:30:00Z'))
    await runServiceLevelJob(new Date('2026-10-02T12:00:00Z'))
    for (const person of [consumerAdmin, providerCtd]) {
      const [notice, ...more] = await notices(person.id)
      expect(more).toEqual([])
      expect(notice!.title).toBe(`Caso ${s.case.number}: niveles de servicio incumplidos en septiembre de 2026`)
      expect(notice!.body).toContain('Disponibilidad 50 %')
      expect(notice!.link).toBe(`/agreements/${s.agreement.id}`)
    }
    expect(await notices(outsider.id)).toEqual([])
    const [breach] = await db.$queryRaw<{ month: string }[]>`
      SELECT to_char(month, 'YYYY-MM') AS month FROM traces.sla_breach WHERE agreement_id = ${s.agreement.id}`
    expect(breach).toEqual({ month: '2026-09' })

    // October met its levels: nothing more.
    await runServiceLevelJob(new Date('2026-11-01T12:00:00Z'))
    expect(await notices(consumerAdmin.id)).toHaveLength(1)
    const seen = (await agreementServiceLevels(
      await viewer(consumerAdmin.id),
      s.agreement.id,
      new Date('2026-11-01T12:00:00Z'),
    ))!
    expect(seen.months.find((m) => m.month === '2026-09')!.notifiedAt).not.toBeNull()
    expect(seen.months.find((m) => m.month === '2026-10')!.breaches).toEqual([])
  })

  it('shows an agreement’s levels and an institution’s figures only to its parties, DGD and auditors', async () => {
    const s = await agreementScenario()
    await s.report('provider', [['2026-11-29T15:00:00Z', 'OK', 100]])
    await refreshDailyStats()
    const at = new Date('2026-11-30T12:00:00Z')
    const consumer = await viewer((await createMember(db, s.consumer.id, 'CTD')).id)
    const outsider = await viewer((await createMember(db, s.outsider.id, 'BUSINESS_ADMIN')).id)
    const auditor = await viewer((await createCentralPerson(db, 'AUDITOR')).id)
    const dgd = await viewer(s.dgd.id)

    expect(await agreementServiceLevels(outsider, s.agreement.id, at)).toBeNull()
    for (const who of [consumer, auditor, dgd]) {
      expect((await agreementServiceLevels(who, s.agreement.id, at))!.months[0]!.exchanges).toBe(1)
    }

    const day = (f: Awaited<ReturnType<typeof dailyFigures>>) => f!.days.find((d) => d.day === '2026-11-29')!
    expect(day(await dailyFigures(consumer, undefined, at)).exchanges).toBe(1)
    // An outsider asking for the consumer's figures gets its own, which hold none of this exchange.
    const sneaky = await dailyFigures(outsider, s.consumer.id, at)
    expect(sneaky!.scope).toEqual({ kind: 'institution', institutionId: s.outsider.id })
    expect(day(sneaky).exchanges).toBe(0)
    // Auditors see the network (this exchange among others) and any one institution.
    expect(day(await dailyFigures(auditor, undefined, at)).exchanges).toBeGreaterThanOrEqual(1)
    expect(day(await dailyFigures(auditor, s.consumer.id, at)).exchanges).toBe(1)
    // What each may pick on the page: a member of one institution nothing, an auditor the network and any.
    expect(await figureChoices(outsider)).toEqual({ network: false, institutions: [] })
    const auditorChoices = await figureChoices(auditor)
    expect(auditorChoices.network).toBe(true)
    expect(auditorChoices.institutions.map((i) => i.id)).toContain(s.consumer.id)
  })

  it('holds an agreement to its service’s published levels unless the provider states others on approval', async () => {
    const defaults = await caseAt('agreementRequested')
    await db.service.update({ where: { id: defaults.service.id }, data: { serviceLevels: { availability: 99.5 } } })
    // Published when requested: the levels were empty then.
    const asRequested = await db.agreement.findUniqueOrThrow({ where: { caseId: defaults.caseId } })
    expect([asRequested.slaAvailabilityPct, asRequested.slaP95Ms]).toEqual([null, null])

    const published = await caseAt('meetingHeld')
    await db.service.update({
      where: { id: published.service.id },
      data: { serviceLevels: { availability: 99.5, p95Ms: 800, supportHours: '24x7' } },
    })
    await requestAgreement(published.people.consumerBusiness, published.caseId, agreementTerms)
    const requested = await db.agreement.findUniqueOrThrow({ where: { caseId: published.caseId } })
    expect([requested.slaAvailabilityPct, requested.slaP95Ms]).toEqual([99.5, 800])
    await approveAgreement(published.people.providerBusiness, published.caseId, {
      ...textLevels,
      slaAvailabilityPct: null,
      slaP95Ms: 300,
    })
    const approved = await db.agreement.findUniqueOrThrow({ where: { caseId: published.caseId } })
    expect([approved.slaAvailabilityPct, approved.slaP95Ms]).toEqual([99.5, 300])
  })
})
