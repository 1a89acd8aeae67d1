import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db/client'
import { caseAt } from '@/test/support/scenario'
import { listAuditEvents } from './queries'
import { recordAudit } from './record'
import { auditTableParams } from './table-params'

const targetsOf = async (viewer: Parameters<typeof listAuditEvents>[0], targetId: string) =>
  (await listAuditEvents(viewer, auditTableParams.load(new URLSearchParams({ q: targetId, perPage: '100' })))).rows.map(
    (r) => r.target,
  )

describe('the audit log', () => {
  it('names each record as people do, with a link to its page, and keeps the id of a record gone', async () => {
    const c = await caseAt('devNodeProvisioned')
    const { number } = await db.connectionCase.findUniqueOrThrow({ where: { id: c.caseId }, select: { number: true } })
    const grant = await db.accessGrant.findFirstOrThrow({
      where: { caseId: c.caseId },
      select: { id: true, node: { select: { id: true, name: true, institutionId: true } } },
    })
    const node = grant.node
    const agreement = await db.agreement.findUniqueOrThrow({ where: { caseId: c.caseId }, select: { id: true } })

    const caseTargets = await targetsOf(c.people.auditor, c.caseId)
    expect(caseTargets.length).toBeGreaterThan(0)
    for (const target of caseTargets)
      expect(target).toEqual({ kind: 'case', values: { number }, href: `/connections/${c.caseId}` })
    await db.$transaction((tx) =>
      recordAudit(tx, { actorId: null, action: 'node.revoke', targetType: 'Node', targetId: node.id }),
    )
    expect(await targetsOf(c.people.auditor, node.id)).toContainEqual({
      kind: 'node',
      values: { environment: 'DEVELOPMENT', name: node.name, institution: c.consumer.name },
      href: `/institutions/${node.institutionId}#nodes`,
    })
    // An event of a per-case node from before nodes were institutions' names its grant (same id).
    await db.$transaction((tx) =>
      recordAudit(tx, { actorId: null, action: 'node.revoke', targetType: 'Node', targetId: grant.id }),
    )
    expect(await targetsOf(c.people.auditor, grant.id)).toContainEqual({
      kind: 'grant',
      values: { environment: 'DEVELOPMENT', number },
      href: `/connections/${c.caseId}`,
    })

    await db.$transaction((tx) =>
      recordAudit(tx, {
        actorId: null,
        action: 'agreement.terminate',
        targetType: 'Agreement',
        targetId: agreement.id,
      }),
    )
    expect(await targetsOf(c.people.auditor, agreement.id)).toEqual([
      { kind: 'agreement', values: { number }, href: `/agreements/${agreement.id}` },
    ])

    await db.$transaction((tx) =>
      recordAudit(tx, { actorId: null, action: 'node.revoke', targetType: 'Node', targetId: 'gone-node-id' }),
    )
    expect(await targetsOf(c.people.auditor, 'gone-node-id')).toEqual([
      { kind: 'unknown', values: { type: 'Node', id: 'gone-node-id' }, href: null },
    ])
  })

  it("names the traces' daily chain anchor by its day, linked to where auditors verify it", async () => {
    const c = await caseAt('devNodeProvisioned')
    await db.$transaction((tx) =>
      recordAudit(tx, { actorId: null, action: 'traces.chain_head', targetType: 'TraceChain', targetId: '2026-11-29' }),
    )
    const page = await listAuditEvents(
      c.people.auditor,
      auditTableParams.load(new URLSearchParams({ action: 'traces.chain_head', perPage: '100' })),
    )
    expect(page.rows.map((r) => [r.action, r.target])).toContainEqual([
      'traces.chain_head',
      { kind: 'traceChain', values: { day: '2026-11-29' }, href: '/traces/verify' },
    ])
  })
})
