import { describe, expect, it } from 'vitest'
import { caseAt } from '@/test/support/scenario'
import type { AgreementStatus } from '@/lib/connections/workflow'
import { db } from '@/lib/db/client'
import { listAgreements } from './queries'
import { effectiveAgreementStatus } from './status'
import { agreementsTableParams } from './table-params'

const date = (iso: string) => new Date(`${iso}T00:00:00Z`)
const filters: AgreementStatus[] = ['IN_FORCE', 'EXPIRED', 'TERMINATED']

/** Under which of the date-driven status filters the list finds the case's agreement at `now`, and the status its row shows. */
async function listedAt(c: Awaited<ReturnType<typeof caseAt>>, now: Date) {
  const under: AgreementStatus[] = []
  let shown: AgreementStatus | undefined
  for (const status of filters) {
    const params = agreementsTableParams.load(new URLSearchParams({ perPage: '100', status, q: c.service.name }))
    const row = (await listAgreements(c.people.consumerBusiness, params, now)).rows.find((r) => r.caseId === c.caseId)
    if (row) {
      under.push(status)
      shown = row.status
    }
  }
  return { under, shown }
}

describe('the agreements list filters by the status the agreement shows, on the Chilean calendar', () => {
  it.each([
    // Summer time (UTC−3): 23:30 on 31 December in Chile is already 1 January in UTC.
    { at: '2027-01-01T02:30:00Z', status: 'IN_FORCE' },
    { at: '2027-01-01T03:30:00Z', status: 'EXPIRED' },
  ] as const)('an agreement "until 31-12-2026", at $at: $status', async ({ at, status }) => {
    const c = await caseAt('agreementInForce')
    const agreement = await db.agreement.update({
      where: { caseId: c.caseId },
      data: { endsOn: date('2026-12-31') },
      select: { status: true, endsOn: true, terminatesOn: true },
    })
    const now = new Date(at)
    expect(effectiveAgreementStatus(agreement, now)).toBe(status)
    expect(await listedAt(c, now)).toEqual({ under: [status], shown: status })
  })

  it.each([
    // Winter time (UTC−4): 23:30 on 10 July in Chile is 03:30 on the 11th in UTC.
    { at: '2026-07-11T03:30:00Z', status: 'IN_FORCE' },
    { at: '2026-07-11T04:30:00Z', status: 'TERMINATED' },
  ] as const)('an agreement terminating on 11-07-2026, at $at: $status', async ({ at, status }) => {
    const c = await caseAt('agreementInForce')
    const agreement = await db.agreement.update({
      where: { caseId: c.caseId },
      data: { terminationNoticeOn: date('2026-06-01'), terminatesOn: date('2026-07-11') },
      select: { status: true, endsOn: true, terminatesOn: true },
    })
    const now = new Date(at)
    expect(effectiveAgreementStatus(agreement, now)).toBe(status)
    expect(await listedAt(c, now)).toEqual({ under: [status], shown: status })
  })
})
