import { describe, expect, it } from 'vitest'
import { evaluateChecklist } from '@/lib/connections/checklist'
import { loadChecklistFacts } from '@/lib/connections/checklist-facts'
import { caseAt } from '@/test/support/scenario'
import { db } from '@/lib/db/client'
import { loadReadinessFacts } from './facts'
import { getReadiness } from './queries'

const date = (iso: string) => new Date(`${iso}T00:00:00Z`)

/** The readiness panel's verdict on the consumer's convenio, and the promotion checklist's, both read from the database at `now`. */
async function verdicts(c: Awaited<ReturnType<typeof caseAt>>, now: Date) {
  const panel = (await getReadiness(c.people.reviewer, c.consumer.id, now))!.items.find(
    (i) => i.item === 'cooperation',
  )!
  const checklist = evaluateChecklist(await db.$transaction((tx) => loadChecklistFacts(tx, c.caseId, now)))
  return { panel: panel.met, checklist: checklist.find((i) => i.item === 'cooperationInForce')!.met }
}

async function withConvenio(c: Awaited<ReturnType<typeof caseAt>>, dates: { decree: string; terminatesOn?: string }) {
  const data = {
    signedOn: date('2025-12-01'),
    segpresDecreeNumber: 'Decreto Exento N° 015',
    segpresDecreeDate: date('2026-01-05'),
    institutionDecreeNumber: 'Decreto Exento N° 02142',
    institutionDecreeDate: date(dates.decree),
    terminationNoticeOn: dates.terminatesOn ? date('2026-01-10') : null,
    terminatesOn: dates.terminatesOn ? date(dates.terminatesOn) : null,
  }
  await db.cooperationAgreement.upsert({
    where: { institutionId: c.consumer.id },
    create: { institutionId: c.consumer.id, ...data },
    update: data,
  })
}

describe("the promotion checklist reads the consumer's readiness as the readiness panel does", () => {
  it('takes designations, trainings and the convenio from loadReadinessFacts', async () => {
    const c = await caseAt('meetingRequested')
    await withConvenio(c, { decree: '2026-03-11' })
    const facts = await db.$transaction((tx) => loadChecklistFacts(tx, c.caseId, new Date('2026-11-22T12:00:00Z')))
    const readiness = (await loadReadinessFacts(db, c.consumer.id))!
    expect(facts).toMatchObject(readiness)
    expect(facts.cooperation).toEqual({ inForceFrom: date('2026-03-11'), terminatesOn: null })
  })

  it.each([
    // Summer time (UTC−3): 23:30 on 10 March in Chile is already the 11th in UTC.
    { decree: '2026-03-11', at: '2026-03-11T02:30:00Z', met: false },
    { decree: '2026-03-11', at: '2026-03-11T03:30:00Z', met: true },
    // Winter time (UTC−4): 23:30 on 10 July in Chile is 03:30 on the 11th in UTC.
    { decree: '2026-07-11', at: '2026-07-11T03:30:00Z', met: false },
    { decree: '2026-07-11', at: '2026-07-11T04:30:00Z', met: true },
  ])('a convenio whose last decree is dated $decree, at $at: both say met = $met', async ({ decree, at, met }) => {
    const c = await caseAt('meetingRequested')
    await withConvenio(c, { decree })
    expect(await verdicts(c, new Date(at))).toEqual({ panel: met, checklist: met })
  })

  it.each([
    { at: '2026-07-11T03:30:00Z', met: true }, // 23:30 on 10 July in Chile: its last day
    { at: '2026-07-11T04:30:00Z', met: false }, // 00:30 on 11 July: terminated
  ])('a convenio terminating on 11-07-2026, at $at: both say met = $met', async ({ at, met }) => {
    const c = await caseAt('meetingRequested')
    await withConvenio(c, { decree: '2026-01-05', terminatesOn: '2026-07-11' })
    expect(await verdicts(c, new Date(at))).toEqual({ panel: met, checklist: met })
  })
})
