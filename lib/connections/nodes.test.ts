import { describe, expect, it } from 'vitest'
import { loadViewer } from '@/lib/auth/load-viewer'
import { ForbiddenError } from '@/lib/auth/roles'
import { db } from '@/lib/db/client'
import { DomainError } from '@/lib/errors'
import { createCentralPerson, createInstitution, createMember, createService } from '@/prisma/factories'
import { issueDevNodeConfiguration, revokeNode } from './nodes'
import { hashCredential } from './cases'

async function caseWithNode(environment: 'DEVELOPMENT' | 'PRODUCTION') {
  const consumer = await createInstitution(db)
  const provider = await createInstitution(db)
  const service = await createService(db, provider.id)
  const ctd = await createMember(db, consumer.id, 'CTD')
  const c = await db.connectionCase.create({
    data: {
      consumerId: consumer.id,
      providerId: provider.id,
      serviceId: service.id,
      requesterRole: 'CONSUMER',
      needs: 'x',
      requestedById: ctd.id,
    },
  })
  const node = await db.node.create({
    data: {
      caseId: c.id,
      institutionId: consumer.id,
      environment,
      configuration: { service: service.code },
      credentialHash: 'x',
      issuedById: ctd.id,
    },
  })
  return { consumer, provider, ctd: (await loadViewer(ctd.id))!, node, caseId: c.id }
}

describe('nodes', () => {
  it('DGD revokes a production node once; others may not', async () => {
    const s = await caseWithNode('PRODUCTION')
    const head = (await loadViewer((await createCentralPerson(db, 'DGD_HEAD')).id))!
    await expect(revokeNode(s.ctd, s.node.id)).rejects.toThrow(ForbiddenError)
    await revokeNode(head, s.node.id)
    await expect(revokeNode(head, s.node.id)).rejects.toThrow(new DomainError('nodeAlreadyRevoked'))
    expect((await db.node.findUniqueOrThrow({ where: { id: s.node.id } })).revokedAt).not.toBeNull()
    expect(await db.auditEvent.count({ where: { targetId: s.node.id, action: 'node.revoke' } })).toBe(1)
  })

  it("gives the consumer's technical staff a fresh development credential with each download, keeping only its hash", async () => {
    const s = await caseWithNode('DEVELOPMENT')
    const config = JSON.parse((await issueDevNodeConfiguration(s.ctd, s.caseId)).body) as { credential: string }
    expect(config.credential).toMatch(/^pisee_dev_/)
    expect((await db.node.findUniqueOrThrow({ where: { id: s.node.id } })).credentialHash).toBe(
      hashCredential(config.credential),
    )
    const providerTech = (await loadViewer((await createMember(db, s.provider.id, 'TECHNICAL_ADMIN')).id))!
    await expect(issueDevNodeConfiguration(providerTech, s.caseId)).rejects.toThrow(ForbiddenError)
  })
})

describe('development node configuration', () => {
  it('issues no credential for a node revoked at the same moment: the revocation holds', async () => {
    const s = await caseWithNode('DEVELOPMENT')
    const head = (await loadViewer((await createCentralPerson(db, 'DGD_HEAD')).id))!
    await Promise.allSettled([issueDevNodeConfiguration(s.ctd, s.caseId), revokeNode(head, s.node.id)])
    const node = await db.node.findUniqueOrThrow({ where: { id: s.node.id } })
    expect(node.revokedAt).not.toBeNull()
    await expect(issueDevNodeConfiguration(s.ctd, s.caseId)).rejects.toThrow(new DomainError('notFound'))
    expect((await db.node.findUniqueOrThrow({ where: { id: s.node.id } })).credentialHash).toBe(node.credentialHash)
  })
})
