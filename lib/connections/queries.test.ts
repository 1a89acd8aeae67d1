import { describe, expect, it } from 'vitest'
import { listAgreements } from '@/lib/agreements/queries'
import { agreementsTableParams } from '@/lib/agreements/table-params'
import { db } from '@/lib/db/client'
import { searchTextOf } from '@/lib/text/search'
import { createInstitution } from '@/prisma/factories'
import { listCases, meetingRequestOptions } from './queries'
import { casesTableParams } from './table-params'
import { caseAt } from '@/test/support/scenario'

const casesParams = (values: Record<string, string> = {}) =>
  casesTableParams.load(new URLSearchParams({ perPage: '100', ...values }))
const agreementsParams = (values: Record<string, string> = {}) =>
  agreementsTableParams.load(new URLSearchParams({ perPage: '100', ...values }))

describe('the cases and agreements lists', () => {
  it("show each party its own cases and agreements, central staff everyone's, and an outsider none", async () => {
    const c = await caseAt('agreementApproved')
    const caseIds = async (who: keyof typeof c.people) =>
      (await listCases(c.people[who], casesParams())).rows.map((r) => r.id)
    const agreementCases = async (who: keyof typeof c.people) =>
      (await listAgreements(c.people[who], agreementsParams())).rows.map((r) => r.caseId)

    for (const party of ['consumerCtd', 'consumerTech', 'providerBusiness', 'reviewer', 'auditor'] as const) {
      expect(await caseIds(party), party).toContain(c.caseId)
      expect(await agreementCases(party), party).toContain(c.caseId)
    }
    expect(await caseIds('outsiderCtd')).not.toContain(c.caseId)
    expect(await agreementCases('outsiderBusiness')).not.toContain(c.caseId)
  })

  it('find a case by its number, its service, or either institution without accents, every word matching', async () => {
    const c = await caseAt('meetingRequested')
    const name = 'Municipalidad de Ñuñoa Prueba'
    await db.institution.update({
      where: { id: c.consumer.id },
      data: { name, searchText: searchTextOf(name, c.consumer.shortName, c.consumer.rut) },
    })
    const { number } = await db.connectionCase.findUniqueOrThrow({ where: { id: c.caseId }, select: { number: true } })
    const found = async (q: string) => (await listCases(c.people.consumerCtd, casesParams({ q }))).rows.map((r) => r.id)

    expect(await found(String(number))).toEqual([c.caseId])
    expect(await found(c.service.name)).toEqual([c.caseId])
    expect(await found('nunoa prueba')).toEqual([c.caseId])
    expect(await found('nunoa inexistente')).toEqual([])
  })

  it("find an agreement by its purpose as well as by its case, and filter by the agreement's status", async () => {
    const c = await caseAt('agreementApproved')
    const found = async (values: Record<string, string>) =>
      (await listAgreements(c.people.consumerBusiness, agreementsParams(values))).rows.map((r) => ({
        caseId: r.caseId,
        status: r.status,
      }))

    expect(await found({ q: 'verificar identidad' })).toEqual([{ caseId: c.caseId, status: 'APPROVED' }])
    expect(await found({ q: c.service.name, status: 'APPROVED' })).toEqual([{ caseId: c.caseId, status: 'APPROVED' }])
    expect(await found({ q: c.service.name, status: 'IN_FORCE' })).toEqual([])
  })

  it('list nothing for a member of an institution with no cases', async () => {
    const c = await caseAt('meetingRequested')
    const lonely = await createInstitution(db)
    const viewer = {
      ...c.people.outsiderCtd,
      memberships: [{ ...c.people.outsiderCtd.memberships[0]!, institutionId: lonely.id }],
    }
    expect((await listCases(viewer, casesParams())).rows).toEqual([])
  })
})

describe('the meeting request form', () => {
  it("offers a consumer's CTD only its own institution, a provider's CTD any consumer, and marks the open cases of each", async () => {
    const c = await caseAt('meetingRequested')
    const { number } = await db.connectionCase.findUniqueOrThrow({ where: { id: c.caseId }, select: { number: true } })
    const open = { consumerId: c.consumer.id, serviceId: c.service.id, number }

    const consumer = await meetingRequestOptions(c.people.consumerCtd)
    expect(consumer.ownInstitutions).toEqual([{ id: c.consumer.id, name: c.consumer.name }])
    expect(consumer.otherConsumers).toEqual([])
    expect(consumer.openCases).toEqual([open])

    const provider = await meetingRequestOptions(c.people.providerCtd)
    expect(provider.ownInstitutions.map((i) => i.id)).toEqual([c.provider.id])
    expect(provider.otherConsumers.map((i) => i.id)).toContain(c.consumer.id)
    expect(provider.otherConsumers.map((i) => i.id)).not.toContain(c.provider.id)
    expect(provider.openCases).toEqual([open])

    const outsider = await meetingRequestOptions(c.people.outsiderCtd)
    expect(outsider.ownInstitutions.map((i) => i.id)).toEqual([c.outsider.id])
    expect(outsider.openCases).toEqual([])
  })
})
