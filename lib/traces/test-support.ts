import { createHash, randomUUID } from 'node:crypto'
import { db } from '@/lib/db/client'
import { createInstitution, createService } from '@/prisma/factories'
import type { Reporter } from './ingest'

/** A consumer, a provider with a service, an outsider; a reporting node on each side (tests only). */
export async function traceScenario() {
  const [consumer, provider, outsider] = await Promise.all([
    createInstitution(db),
    createInstitution(db),
    createInstitution(db),
  ])
  const service = await createService(db, provider.id)
  const reporter = (institutionId: string): Reporter => ({
    nodeId: `node-${randomUUID()}`,
    institutionId,
    environment: 'PRODUCTION',
  })
  return {
    consumer,
    provider,
    outsider,
    service,
    consumerNode: reporter(consumer.id),
    providerNode: reporter(provider.id),
    outsiderNode: reporter(outsider.id),
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
