import { describe, expect, it } from 'vitest'
import { getCase } from '@/lib/connections/queries'
import { caseAt } from '@/test/support/scenario'
import { agreementTerm } from './status'
import { terminateAgreement } from './terminate'

const date = (iso: string) => new Date(`${iso}T00:00:00Z`)

describe("an agreement's term, as the case page and the agreements list say it", () => {
  it('is "termina el …" on the case page once a termination is noticed, not "Indefinida"', async () => {
    const c = await caseAt('agreementInForce')
    expect((await getCase(c.people.consumerCtd, c.caseId))!.agreement!.term).toEqual({ kind: 'indefinite' })
    const terminatesOn = new Date(Date.now() + 40 * 86_400_000)
    const day = date(terminatesOn.toISOString().slice(0, 10))
    await terminateAgreement(
      c.people.providerBusiness,
      (await getCase(c.people.consumerCtd, c.caseId))!.agreement!.id,
      { terminatesOn: day, reason: 'Fin del trámite' },
    )

    const agreement = (await getCase(c.people.consumerCtd, c.caseId))!.agreement!
    expect(agreement.term).toEqual({ kind: 'terminates', date: day })
    // Still in force until that date, as the agreements list shows it.
    expect(agreement.effectiveStatus).toBe('IN_FORCE')
  })

  it('ends on the earlier of its end date and a noticed termination', () => {
    expect(agreementTerm({ endsOn: date('2027-12-31'), terminatesOn: null })).toEqual({
      kind: 'until',
      date: date('2027-12-31'),
    })
    expect(agreementTerm({ endsOn: date('2027-12-31'), terminatesOn: date('2027-03-01') })).toEqual({
      kind: 'terminates',
      date: date('2027-03-01'),
    })
    expect(agreementTerm({ endsOn: date('2027-01-31'), terminatesOn: date('2027-03-01') })).toEqual({
      kind: 'until',
      date: date('2027-01-31'),
    })
    expect(agreementTerm({ endsOn: null, terminatesOn: null })).toEqual({ kind: 'indefinite' })
  })
})
