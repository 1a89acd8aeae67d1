import { describe, expect, it } from 'vitest'
import { getAgreement } from '@/lib/agreements/queries'
import { db } from '@/lib/db/client'
import { DomainError } from '@/lib/errors'
import { sha256Hex } from './document'
import { renderAgreementPdf } from './pdf'
import { agreementPdfSha256, agreementTermsFor } from './terms'
import { signAgreement } from '@/lib/connections/cases'
import { getCase } from '@/lib/connections/queries'
import { caseAt, levels } from '@/lib/connections/test-scenario'

describe("the agreement's PDF and its signatures", () => {
  it('exists only once the provider approved the terms, and only for the parties', async () => {
    const requested = await caseAt('agreementRequested')
    await expect(agreementTermsFor(requested.people.consumerBusiness, requested.caseId)).rejects.toThrow(new DomainError('notFound'))
    expect(await agreementPdfSha256(requested.people.consumerBusiness, requested.caseId)).toBeNull()

    const approved = await caseAt('agreementApproved')
    const terms = await agreementTermsFor(approved.people.consumerBusiness, approved.caseId)
    expect(terms).toMatchObject({
      consumer: { name: approved.consumer.name, rut: approved.consumer.rut },
      provider: { name: approved.provider.name, rut: approved.provider.rut },
      service: { name: approved.service.name, code: approved.service.code },
      serviceLevels: { availability: levels.availability, responseTime: levels.responseTime, supportHours: levels.supportHours },
      endsOn: null,
    })
    expect(terms.approvedBy).toBe((await db.person.findUniqueOrThrow({ where: { id: approved.people.providerBusiness.personId } })).name)
    await expect(agreementTermsFor(approved.people.outsiderBusiness, approved.caseId)).rejects.toThrow(new DomainError('notFound'))
    expect(await agreementPdfSha256(approved.people.outsiderBusiness, approved.caseId)).toBeNull()
  })

  it("is the same document for both parties and DGD, and a signature of it is shown as the portal's PDF", async () => {
    const c = await caseAt('agreementApproved')
    const sha = await agreementPdfSha256(c.people.providerBusiness, c.caseId)
    expect(sha).toBe(sha256Hex(await renderAgreementPdf(await agreementTermsFor(c.people.consumerBusiness, c.caseId))))
    expect(await agreementPdfSha256(c.people.reviewer, c.caseId)).toBe(sha)

    await signAgreement(c.people.providerBusiness, c.caseId, 'PROVIDER', sha!)
    const uploaded = new TextEncoder().encode('%PDF-1.7 firmado por la municipalidad')
    await signAgreement(c.people.consumerBusiness, c.caseId, 'CONSUMER', sha256Hex(uploaded), { fileName: 'acuerdo-firmado.pdf', content: uploaded })

    const detail = (await getCase(c.people.consumerCtd, c.caseId))!
    expect(detail.agreement!.pdfSha256).toBe(sha)
    expect(detail.agreement!.signatures.map((s) => [s.party, s.document]).sort()).toEqual([
      ['CONSUMER', 'uploaded'],
      ['PROVIDER', 'generated'],
    ])
    const agreement = (await getAgreement(c.people.providerBusiness, detail.agreement!.id))!
    expect(agreement.signatures.map((s) => [s.party, s.document]).sort()).toEqual([
      ['CONSUMER', 'uploaded'],
      ['PROVIDER', 'generated'],
    ])
    // Signing puts it in force; the terms, and so the document, do not change.
    expect(await agreementPdfSha256(c.people.consumerBusiness, c.caseId)).toBe(sha)
  })

  it('keeps the names it was approved with, so a renamed institution or approver does not change the signed document', async () => {
    const c = await caseAt('agreementApproved')
    const before = await agreementPdfSha256(c.people.consumerBusiness, c.caseId)
    await db.institution.update({ where: { id: c.consumer.id }, data: { name: 'Municipalidad renombrada' } })
    await db.person.update({ where: { id: c.people.providerBusiness.personId }, data: { name: 'Otra Persona' } })

    const terms = await agreementTermsFor(c.people.consumerBusiness, c.caseId)
    expect(terms.consumer.name).toBe(c.consumer.name)
    expect(terms.approvedBy).not.toBe('Otra Persona')
    expect(await agreementPdfSha256(c.people.consumerBusiness, c.caseId)).toBe(before)
  })
})
