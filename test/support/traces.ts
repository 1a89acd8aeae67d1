import { createHash, randomUUID } from 'node:crypto'
import { db } from '@/lib/db/client'
import {
  createCentralPerson,
  createInstitution,
  createNode,
  createNodeCredential,
  createService,
} from '@/prisma/factories'
import type { Reporter } from '@/lib/traces/ingest'

/**
 * Tests only: a consumer, a provider with a service (no agreement required), an outsider; a production
 * node with a credential on each side; `grantAccess` gives the consumer's node a grant to the service.
 */
export async function traceScenario() {
  const [consumer, provider, outsider, dgd] = await Promise.all([
    createInstitution(db),
    createInstitution(db),
    createInstitution(db),
    createCentralPerson(db, 'DGD_HEAD'),
  ])
  const service = await createService(db, provider.id, { requiresAgreement: false })
  const side = async (institutionId: string) => {
    const node = await createNode(db, institutionId, 'PRODUCTION')
    const { credential, token } = await createNodeCredential(db, node, dgd.id)
    const reporter: Reporter = { nodeId: node.id, institutionId, environment: 'PRODUCTION' }
    return { node, credential, token, reporter }
  }
  const [consumerSide, providerSide, outsiderSide] = [
    await side(consumer.id),
    await side(provider.id),
    await side(outsider.id),
  ]
  const grantAccess = async (grantedAt = new Date(Date.now() - 86_400_000)) => {
    const connection = await db.connectionCase.create({
      data: {
        consumerId: consumer.id,
        providerId: provider.id,
        serviceId: service.id,
        requesterRole: 'CONSUMER',
        needs: 'Pruebas',
        requestedById: dgd.id,
        status: 'CONNECTED',
      },
    })
    return db.accessGrant.create({
      data: {
        caseId: connection.id,
        nodeId: consumerSide.node.id,
        serviceId: service.id,
        environment: 'PRODUCTION',
        grantedById: dgd.id,
        grantedAt,
      },
    })
  }
  return {
    consumer,
    provider,
    outsider,
    service,
    dgd,
    consumerSide,
    providerSide,
    outsiderSide,
    consumerNode: consumerSide.reporter,
    providerNode: providerSide.reporter,
    outsiderNode: outsiderSide.reporter,
    grantAccess,
  }
}

/** A valid wire record between the scenario's consumer and provider. */
export function wireRecord(
  s: { consumer: { id: string }; provider: { id: string }; service: { code: string } },
  overrides: Record<string, unknown> = {},
  time = new Date(Date.now() - 60_000),
) {
  return {
    traceId: randomUUID(),
    time: time.toISOString(),
    consumerInstitutionId: s.consumer.id,
    providerInstitutionId: s.provider.id,
    serviceCode: s.service.code,
    operation: 'consultarPersona',
    procedure: 'CPAT-1234',
    caseFileId: 'EXP-2026-1',
    result: 'OK',
    latencyMs: 120,
    messageSha256: createHash('sha256').update(randomUUID()).digest('hex'),
    subjectRun: '12.345.678-5',
    ...overrides,
  }
}
