import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { listAgreements } from '@/lib/agreements/queries'
import { agreementsTableParams } from '@/lib/agreements/table-params'
import { requestAgreement } from '@/lib/connections/cases'
import { listCases, meetingRequestOptions } from '@/lib/connections/queries'
import { casesTableParams } from '@/lib/connections/table-params'
import { agreementTerms, caseAt } from '@/test/support/scenario'
import { db } from '@/lib/db/client'
import { listInstitutions } from '@/lib/institutions/queries'
import { institutionsTableParams } from '@/lib/institutions/table-params'
import { createInstitution, createService } from '@/prisma/factories'
import { searchTextOf } from './search'

describe('accent-insensitive search of services and agreements', () => {
  it('"defuncion" finds the case and the agreement of "Certificado de defunción", and an agreement by its purpose', async () => {
    const tag = `zq${randomUUID().slice(0, 6)}`
    const c = await caseAt('meetingHeld')
    const name = `Certificado de defunción ${tag}`
    await db.service.update({
      where: { id: c.service.id },
      data: { name, searchText: searchTextOf(name, c.service.code) },
    })
    await requestAgreement(c.people.consumerBusiness, c.caseId, {
      ...agreementTerms,
      purpose: `Verificar la situación previsional ${tag}-pensión`,
    })

    const cases = await listCases(
      c.people.consumerCtd,
      casesTableParams.load(new URLSearchParams({ q: `DEFUNCION ${tag}` })),
    )
    expect(cases.rows.map((r) => r.serviceName)).toEqual([name])
    const agreements = (q: string) =>
      listAgreements(c.people.consumerBusiness, agreementsTableParams.load(new URLSearchParams({ q })))
    expect((await agreements(`defuncion ${tag}`)).rows.map((r) => r.caseId)).toEqual([c.caseId])
    // The purpose, typed without accents and in another case.
    expect((await agreements(`situacion ${tag}-PENSION`)).rows.map((r) => r.caseId)).toEqual([c.caseId])
    expect((await agreements(`situación ${tag}-pensión`)).rows.map((r) => r.caseId)).toEqual([c.caseId])
  })
})

describe('Spanish order of names', () => {
  it('puts "Chanco" before "Chañaral" (ñ after n) and ignores accents and case, on this database', async () => {
    const tag = `zq${randomUUID().slice(0, 6)}`
    const names = ['Chañaral', 'Chanco', 'Chana', 'Ñuñoa', 'Nunca', 'Osorno', 'Ávila', 'arica'].map(
      (n) => `${tag} ${n}`,
    )
    for (const name of names) await createInstitution(db, { name })
    const c = await caseAt('meetingRequested')
    const { rows } = await listInstitutions(
      c.people.reviewer,
      institutionsTableParams.load(`?q=${tag}&sort=name&perPage=50`),
    )
    expect(rows.map((r) => r.name.slice(tag.length + 1))).toEqual([
      'arica',
      'Ávila',
      'Chana',
      'Chanco',
      'Chañaral',
      'Nunca',
      'Ñuñoa',
      'Osorno',
    ])

    // The services a meeting request offers, and its institutions, in the same order.
    for (const name of ['Ñandú', 'Nube', 'Ábaco']) await createService(db, c.provider.id, { name: `${tag} ${name}` })
    // The provider's CTD may ask on any consumer's behalf: it is offered every other institution.
    const options = await meetingRequestOptions(c.people.providerCtd)
    expect(options.services.filter((s) => s.label.startsWith(tag)).map((s) => s.label.split(' ')[1])).toEqual([
      'Ábaco',
      'Nube',
      'Ñandú',
    ])
    expect(
      options.otherConsumers.filter((i) => i.name.startsWith(tag)).map((i) => i.name.slice(tag.length + 1)),
    ).toEqual(['arica', 'Ávila', 'Chana', 'Chanco', 'Chañaral', 'Nunca', 'Ñuñoa', 'Osorno'])
  })
})
