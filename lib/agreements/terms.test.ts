import { describe, expect, it } from 'vitest'
import { getAgreement } from '@/lib/agreements/queries'
import { db } from '@/lib/db/client'
import { DomainError } from '@/lib/errors'
import { sha256Hex } from './document'
import { renderAgreementPdf } from './pdf'
import { renderAgreementPdfV1 } from './pdf-v1'
import { agreementPdfFor, agreementPdfSha256, agreementTermsFor, backfillAgreementPdfs } from './terms'
import { signAgreement } from '@/lib/connections/cases'
import { getCase } from '@/lib/connections/queries'
import { caseAt, levels } from '@/test/support/scenario'

describe("the agreement's PDF and its signatures", () => {
  it('exists only once the provider approved the terms, and only for the parties', async () => {
    const requested = await caseAt('agreementRequested')
    await expect(agreementTermsFor(requested.people.consumerBusiness, requested.caseId)).rejects.toThrow(
      new DomainError('notFound'),
    )
    expect(await agreementPdfSha256(requested.people.consumerBusiness, requested.caseId)).toBeNull()

    const approved = await caseAt('agreementApproved')
    const terms = await agreementTermsFor(approved.people.consumerBusiness, approved.caseId)
    expect(terms).toMatchObject({
      consumer: { name: approved.consumer.name, rut: approved.consumer.rut },
      provider: { name: approved.provider.name, rut: approved.provider.rut },
      service: { name: approved.service.name, code: approved.service.code },
      serviceLevels: {
        availability: levels.availability,
        responseTime: levels.responseTime,
        supportHours: levels.supportHours,
      },
      endsOn: null,
    })
    expect(terms.approvedBy).toBe(
      (await db.person.findUniqueOrThrow({ where: { id: approved.people.providerBusiness.personId } })).name,
    )
    await expect(agreementTermsFor(approved.people.outsiderBusiness, approved.caseId)).rejects.toThrow(
      new DomainError('notFound'),
    )
    expect(await agreementPdfSha256(approved.people.outsiderBusiness, approved.caseId)).toBeNull()
  })

  it("is the same document for both parties and DGD, and a signature of it is shown as the portal's PDF", async () => {
    const c = await caseAt('agreementApproved')
    const sha = await agreementPdfSha256(c.people.providerBusiness, c.caseId)
    expect(sha).toBe(sha256Hex(await renderAgreementPdf(await agreementTermsFor(c.people.consumerBusiness, c.caseId))))
    expect(await agreementPdfSha256(c.people.reviewer, c.caseId)).toBe(sha)

    await signAgreement(c.people.providerBusiness, c.caseId, 'PROVIDER', sha!)
    const uploaded = new TextEncoder().encode('%PDF-1.7 firmado por la municipalidad')
    await signAgreement(c.people.consumerBusiness, c.caseId, 'CONSUMER', sha256Hex(uploaded), {
      fileName: 'acuerdo-firmado.pdf',
      content: uploaded,
    })

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

  it('is kept as approved: served and hashed as stored, never rendered again, whatever changes later', async () => {
    const c = await caseAt('agreementApproved')
    const kept = await agreementPdfFor(c.people.consumerBusiness, c.caseId)
    expect(kept.sha256).toBe(sha256Hex(kept.pdf))
    expect(kept.caseNumber).toBe((await db.connectionCase.findUniqueOrThrow({ where: { id: c.caseId } })).number)
    // Whatever would make a new rendering differ (here: the stored terms themselves) leaves the document as it was.
    await db.agreement.update({
      where: { caseId: c.caseId },
      data: { purpose: 'Otra finalidad, escrita después', expectedVolume: '9 consultas' },
    })
    expect(sha256Hex(await renderAgreementPdf(await agreementTermsFor(c.people.consumerBusiness, c.caseId)))).not.toBe(
      kept.sha256,
    )
    expect(await agreementPdfSha256(c.people.providerBusiness, c.caseId)).toBe(kept.sha256)
    expect(Buffer.from((await agreementPdfFor(c.people.reviewer, c.caseId)).pdf).equals(Buffer.from(kept.pdf))).toBe(
      true,
    )
    await expect(agreementPdfFor(c.people.outsiderBusiness, c.caseId)).rejects.toThrow(new DomainError('notFound'))
  })

  it('is backfilled once, with the rendering of its time, for agreements approved before PDFs were kept: their signatures still match', async () => {
    const c = await caseAt('agreementApproved')
    // As it was before the bytes were kept: the provider signed what the portal rendered then.
    await db.agreement.update({ where: { caseId: c.caseId }, data: { pdf: null, pdfSha256: null } })
    const then = sha256Hex(await renderAgreementPdfV1(await agreementTermsFor(c.people.consumerBusiness, c.caseId)))
    await signAgreement(c.people.providerBusiness, c.caseId, 'PROVIDER', then)

    expect(await backfillAgreementPdfs()).toBeGreaterThanOrEqual(1)
    const stored = await db.agreement.findUniqueOrThrow({
      where: { caseId: c.caseId },
      select: { pdf: true, pdfSha256: true },
    })
    expect(stored.pdfSha256).toBe(then)
    expect(sha256Hex(stored.pdf!)).toBe(then)
    const detail = (await getCase(c.people.consumerCtd, c.caseId))!
    expect(detail.agreement!.signatures.map((s) => [s.party, s.document])).toEqual([['PROVIDER', 'generated']])
    // Twice is once: nothing left to do, the bytes unchanged.
    await backfillAgreementPdfs()
    expect(
      (await db.agreement.findUniqueOrThrow({ where: { caseId: c.caseId }, select: { pdfSha256: true } })).pdfSha256,
    ).toBe(then)
  })

  it('is backfilled on first use if the boot-time backfill has not run, under a lock, the same for concurrent readers', async () => {
    const c = await caseAt('agreementApproved')
    await db.agreement.update({ where: { caseId: c.caseId }, data: { pdf: null, pdfSha256: null } })
    const then = sha256Hex(await renderAgreementPdfV1(await agreementTermsFor(c.people.consumerBusiness, c.caseId)))
    const [a, b] = await Promise.all([
      agreementPdfFor(c.people.consumerBusiness, c.caseId),
      agreementPdfFor(c.people.providerBusiness, c.caseId),
    ])
    expect([a.sha256, b.sha256]).toEqual([then, then])
  })
})
