/**
 * A small network for the node API's tests: a consumer and a provider, each with a development and
 * a production node, a case whose agreement the test shapes, the consumer's grants in both
 * environments, and a credential per node. Rows are written directly (the nodes' own workflow is
 * tested where it lives); `credential()` issues more, rotated or revoked ones.
 */
import { db } from '@/lib/db/client'
import type { NodeEnvironment } from '@/lib/generated/prisma/enums'
import { generateCredential } from '@/lib/nodes/credentials'
import { createInstitution, createPerson, createService } from '@/prisma/factories'

const YEAR_MS = 365 * 24 * 60 * 60 * 1000

type AgreementShape = {
  status?: 'REQUESTED' | 'APPROVED' | 'REJECTED' | 'IN_FORCE' | 'EXPIRED' | 'TERMINATED'
  endsOn?: Date | null
  terminatesOn?: Date | null
}

export async function nodeNetwork({ agreement = {} as AgreementShape | null, requiresAgreement = true } = {}) {
  const [consumer, provider] = await Promise.all([createInstitution(db), createInstitution(db)])
  const person = await createPerson(db)
  const service = await createService(db, provider.id, { requiresAgreement })
  const node = (institutionId: string, environment: NodeEnvironment, name: string) =>
    db.node.create({ data: { institutionId, environment, name }, select: { id: true, institutionId: true } })
  const [consumerDev, consumerProd, providerDev, providerProd] = await Promise.all([
    node(consumer.id, 'DEVELOPMENT', 'nodo-desarrollo-1'),
    node(consumer.id, 'PRODUCTION', 'nodo-produccion-1'),
    node(provider.id, 'DEVELOPMENT', 'nodo-desarrollo-1'),
    node(provider.id, 'PRODUCTION', 'nodo-produccion-1'),
  ])
  const kase = await db.connectionCase.create({
    data: {
      consumerId: consumer.id,
      providerId: provider.id,
      serviceId: service.id,
      status: 'CONNECTED',
      requesterRole: 'CONSUMER',
      needs: 'Verificar identidad',
      requestedById: person.id,
    },
    select: { id: true, number: true },
  })
  if (agreement) {
    await db.agreement.create({
      data: {
        caseId: kase.id,
        kind: 'CONVENIO',
        status: agreement.status ?? 'IN_FORCE',
        legalBasis: 'Ley 19.880',
        purpose: 'Verificar identidad',
        procedure: 'Trámite',
        dataRequested: 'Nombre',
        expectedVolume: '100 al mes',
        requestedById: person.id,
        endsOn: agreement.endsOn ?? null,
        terminatesOn: agreement.terminatesOn ?? null,
      },
    })
  }
  const grant = (nodeId: string, environment: NodeEnvironment) =>
    db.accessGrant.create({
      data: { caseId: kase.id, nodeId, serviceId: service.id, environment, grantedById: person.id },
      select: { id: true },
    })
  const [devGrant, prodGrant] = await Promise.all([
    grant(consumerDev.id, 'DEVELOPMENT'),
    grant(consumerProd.id, 'PRODUCTION'),
  ])

  /** Issues a credential for a node; `token` is what the node sends. */
  async function credential(
    nodeId: string,
    environment: NodeEnvironment,
    fields: { expiresAt?: Date; retiresAt?: Date | null; revokedAt?: Date | null } = {},
  ) {
    const generated = generateCredential(environment)
    const row = await db.nodeCredential.create({
      data: {
        nodeId,
        keyId: generated.keyId,
        secretHash: generated.secretHash,
        issuedById: person.id,
        expiresAt: fields.expiresAt ?? new Date(Date.now() + YEAR_MS),
        retiresAt: fields.retiresAt ?? null,
        revokedAt: fields.revokedAt ?? null,
      },
      select: { id: true, keyId: true },
    })
    return { ...row, token: generated.token }
  }

  const caller = (n: { id: string; institutionId: string }, environment: NodeEnvironment) => ({
    nodeId: n.id,
    institutionId: n.institutionId,
    environment,
    credentialId: 'test',
    keyId: 'test',
  })

  return {
    consumer,
    provider,
    person,
    service,
    kase,
    nodes: { consumerDev, consumerProd, providerDev, providerProd },
    grants: { devGrant, prodGrant },
    credential,
    callers: {
      consumerDev: caller(consumerDev, 'DEVELOPMENT'),
      consumerProd: caller(consumerProd, 'PRODUCTION'),
      providerDev: caller(providerDev, 'DEVELOPMENT'),
      providerProd: caller(providerProd, 'PRODUCTION'),
    },
  }
}

/** A request to the node API as a node sends it. */
export function nodeRequest(
  path: string,
  token: string | null,
  init: { method?: string; body?: BodyInit; headers?: Record<string, string> } = {},
): Request {
  const headers: Record<string, string> = { ...init.headers }
  if (token !== null) headers.authorization = `Bearer ${token}`
  if (init.body !== undefined && !('content-type' in headers)) headers['content-type'] = 'application/json'
  return new Request(`http://portal.test${path}`, { method: init.method ?? 'GET', headers, body: init.body })
}
