import { describe, expect, it } from 'vitest'
import { ForbiddenError } from '@/lib/auth/roles'
import { db } from '@/lib/db/client'
import { DomainError } from '@/lib/errors'
import { caseAt } from '@/test/support/scenario'
import { authenticateNode } from './authenticate'
import { issueCredential, revokeCredential, revokeNode } from './credential-admin'
import { effectiveGrantsForNode } from './grants'

const bearer = (token: string) =>
  new Request('http://localhost/api/v1/node/heartbeat', { headers: { Authorization: `Bearer ${token}` } })
const hour = 3_600_000

async function devNode() {
  const c = await caseAt('devNodeProvisioned')
  const grant = await db.accessGrant.findUniqueOrThrow({
    where: { caseId_environment: { caseId: c.caseId, environment: 'DEVELOPMENT' } },
    select: { nodeId: true, node: { select: { name: true } } },
  })
  return { ...c, nodeId: grant.nodeId, nodeName: grant.node.name }
}

describe('node credentials in the portal', () => {
  it('the consumer technical administrator was told the node is ready, and issues its credential once', async () => {
    const c = await devNode()
    const ready = await db.notification.findMany({
      where: { recipientId: c.people.consumerTech.personId, kind: 'node.ready.DEVELOPMENT' },
    })
    expect(ready).toHaveLength(1)
    expect(ready[0]!.link).toBe(`/institutions/${c.consumer.id}#nodes`)

    const now = new Date()
    const issued = await issueCredential(c.people.consumerTech, c.nodeId, { graceHours: 0 }, now)
    expect(issued.token).toMatch(/^pisee_dev_/)
    const stored = await db.nodeCredential.findUniqueOrThrow({ where: { id: issued.credential.id } })
    expect(JSON.stringify(stored)).not.toContain(issued.token.slice(-43))
    expect(stored.expiresAt.getTime() - now.getTime()).toBeGreaterThan(364 * 24 * hour)
    expect(await authenticateNode(bearer(issued.token), now)).toMatchObject({ ok: true })
    const audit = await db.auditEvent.findFirstOrThrow({ where: { targetId: stored.id } })
    expect(audit.action).toBe('node.credential.issue')
    expect(JSON.stringify(audit)).not.toContain(issued.token.slice(-43))
    expect((await db.notification.findUniqueOrThrow({ where: { id: ready[0]!.id } })).resolvedAt).not.toBeNull()
  })

  it('is refused to everyone else: DGD, the CTD, the provider, and another institution replaying the ids', async () => {
    const c = await devNode()
    for (const who of [
      'reviewer',
      'head',
      'consumerCtd',
      'consumerBusiness',
      'providerTech',
      'outsiderTech',
    ] as const) {
      await expect(issueCredential(c.people[who], c.nodeId, { graceHours: 0 }), who).rejects.toThrow(ForbiddenError)
    }
    expect(await db.nodeCredential.count({ where: { nodeId: c.nodeId } })).toBe(0)
    await expect(issueCredential(c.people.consumerTech, c.nodeId, { graceHours: 25 })).rejects.toMatchObject({
      code: 'graceInvalid',
      field: 'graceHours',
    })
    await expect(issueCredential(c.people.consumerTech, 'nope', { graceHours: 0 })).rejects.toThrow(
      new DomainError('notFound'),
    )
  })

  it('rotation keeps the previous credential working for the grace chosen, or ends it at once', async () => {
    const c = await devNode()
    const t0 = new Date()
    const first = await issueCredential(c.people.consumerTech, c.nodeId, { graceHours: 0 }, t0)
    const t1 = new Date(t0.getTime() + hour)
    const second = await issueCredential(c.people.consumerTech, c.nodeId, { graceHours: 2 }, t1)
    expect(second.rotated).toEqual([first.credential.keyId])
    expect(await authenticateNode(bearer(first.token), new Date(t1.getTime() + 2 * hour - 1))).toMatchObject({
      ok: true,
    })
    expect(await authenticateNode(bearer(first.token), new Date(t1.getTime() + 2 * hour))).toMatchObject({
      ok: false,
    })
    const t2 = new Date(t1.getTime() + 10 * hour)
    const third = await issueCredential(c.people.consumerTech, c.nodeId, { graceHours: 0 }, t2)
    expect(await authenticateNode(bearer(second.token), t2)).toMatchObject({ ok: false, status: 401 })
    expect(await authenticateNode(bearer(third.token), t2)).toMatchObject({ ok: true })
    expect(
      (await db.auditEvent.findMany({ where: { action: 'node.credential.rotate', institutionId: c.consumer.id } }))
        .length,
    ).toBe(2)
  })

  it('DGD revokes one credential or the node at once; the parties are told why the access stopped', async () => {
    const c = await devNode()
    const now = new Date()
    const issued = await issueCredential(c.people.consumerTech, c.nodeId, { graceHours: 0 }, now)
    await expect(revokeCredential(c.people.consumerTech, issued.credential.id)).rejects.toThrow(ForbiddenError)
    await expect(revokeCredential(c.people.auditor, issued.credential.id)).rejects.toThrow(ForbiddenError)
    await revokeCredential(c.people.reviewer, issued.credential.id, now)
    expect(await authenticateNode(bearer(issued.token), now)).toMatchObject({ ok: false, status: 401 })
    await expect(revokeCredential(c.people.reviewer, issued.credential.id)).rejects.toThrow(
      new DomainError('credentialAlreadyRevoked'),
    )

    const next = await issueCredential(c.people.consumerTech, c.nodeId, { graceHours: 0 }, now)
    expect(await effectiveGrantsForNode(c.nodeId, now)).toHaveLength(1)
    await expect(revokeNode(c.people.consumerCtd, c.nodeId, 'x')).rejects.toThrow(ForbiddenError)
    await revokeNode(c.people.head, c.nodeId, 'equipo comprometido', now)
    expect(await authenticateNode(bearer(next.token), now)).toMatchObject({ ok: false, status: 401 })
    expect(await effectiveGrantsForNode(c.nodeId, now)).toEqual([])
    await expect(revokeNode(c.people.head, c.nodeId, 'otra vez')).rejects.toThrow(new DomainError('nodeAlreadyRevoked'))
    await expect(issueCredential(c.people.consumerTech, c.nodeId, { graceHours: 0 })).rejects.toThrow(
      new DomainError('nodeRevoked'),
    )
    const told = await db.notification.findMany({
      where: { caseId: c.caseId, kind: 'grant.stopped.nodeRevoked' },
      select: { recipientId: true, body: true },
    })
    const expected = [c.people.consumerCtd, c.people.consumerBusiness, c.people.providerCtd, c.people.providerBusiness]
    expect(told.map((n) => n.recipientId).sort()).toEqual(expected.map((p) => p.personId).sort())
    expect(told[0]!.body).toContain('equipo comprometido')
  })
})
