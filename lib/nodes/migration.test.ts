import { cp, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmbeddedPostgres, type EmbeddedPostgres } from '@/scripts/db/embedded'
import { DEFAULT_MIGRATIONS_DIR, migrateDeploy } from '@/scripts/db/engine'

/** The migration that made nodes the institutions': applied to a database holding per-case nodes. */
const MIGRATION = '20261130140945_institution_nodes'

let embedded: EmbeddedPostgres
let client: pg.Client
let before: string

beforeAll(async () => {
  embedded = await startEmbeddedPostgres({ port: 50_000 + Math.floor(Math.random() * 4_000) })
  // Every migration up to the one under test.
  before = await mkdtemp(path.join(tmpdir(), 'migrations-'))
  await cp(DEFAULT_MIGRATIONS_DIR, before, {
    recursive: true,
    filter: (source) => {
      const name = path.relative(DEFAULT_MIGRATIONS_DIR, source).split(path.sep)[0]!
      return !/^\d{14}_/.test(name) || name < MIGRATION
    },
  })
  await migrateDeploy({ databaseUrl: embedded.url, migrationsDir: before })
  client = new pg.Client({ connectionString: embedded.url })
  await client.connect()
}, 120_000)

afterAll(async () => {
  await client?.end()
  await embedded?.stop()
  if (before) await rm(before, { recursive: true, force: true })
})

describe(`migration ${MIGRATION}`, () => {
  it('turns per-case nodes into one node per institution and environment, with one grant per old node', async () => {
    const q = (sql: string, values: unknown[] = []) => client.query(sql, values)
    await q(`INSERT INTO "Institution" (id, name, "shortName", rut, kind, "group", "searchText", "updatedAt")
             VALUES ('inst_c', 'Consumidor', 'C', '61000001-1', 'MUNICIPALIDAD', 'A', 'consumidor', now()),
                    ('inst_p', 'Proveedor', 'P', '61000002-K', 'SERVICIO_PUBLICO', 'A', 'proveedor', now())`)
    await q(`INSERT INTO "Person" (id, name, run, "updatedAt") VALUES ('per_1', 'Revisora', '11111111-1', now())`)
    await q(`INSERT INTO "Service" (id, code, name, description, "providerId", version, protocol, "updatedAt")
             VALUES ('svc_1', 'S1', 'Servicio 1', 'd', 'inst_p', '1', 'REST', now()),
                    ('svc_2', 'S2', 'Servicio 2', 'd', 'inst_p', '1', 'REST', now())`)
    await q(`INSERT INTO "ConnectionCase" (id, "consumerId", "providerId", "serviceId", status, "requesterRole", needs, "requestedById", "updatedAt")
             VALUES ('case_1', 'inst_c', 'inst_p', 'svc_1', 'CONNECTED', 'CONSUMER', 'n', 'per_1', now()),
                    ('case_2', 'inst_c', 'inst_p', 'svc_2', 'DEV_NODE_PROVISIONED', 'CONSUMER', 'n', 'per_1', now())`)
    await q(`INSERT INTO "Node" (id, "caseId", "institutionId", environment, configuration, "credentialHash", "issuedById", "issuedAt", "revokedAt", "revokedById")
             VALUES ('old_dev_1', 'case_1', 'inst_c', 'DEVELOPMENT', '{}', 'hash1', 'per_1', '2026-01-10T12:00:00Z', NULL, NULL),
                    ('old_prod_1', 'case_1', 'inst_c', 'PRODUCTION', '{}', 'hash2', 'per_1', '2026-03-01T12:00:00Z', NULL, NULL),
                    ('old_dev_2', 'case_2', 'inst_c', 'DEVELOPMENT', '{}', 'hash3', 'per_1', '2026-02-01T12:00:00Z', '2026-02-10T12:00:00Z', 'per_1')`)

    const { applied } = await migrateDeploy({ databaseUrl: embedded.url })
    expect(applied).toContain(MIGRATION)

    const nodes = (
      await q(
        `SELECT id, "institutionId", name, environment, "createdAt", "revokedAt" FROM "Node" ORDER BY environment`,
      )
    ).rows
    expect(nodes).toMatchObject([
      { institutionId: 'inst_c', name: 'nodo-desarrollo-1', environment: 'DEVELOPMENT', revokedAt: null },
      { institutionId: 'inst_c', name: 'nodo-produccion-1', environment: 'PRODUCTION', revokedAt: null },
    ])
    // Created when its first per-case node was issued.
    expect((nodes[0].createdAt as Date).toISOString()).toBe('2026-01-10T12:00:00.000Z')

    const grants = (
      await q(
        `SELECT id, "caseId", "nodeId", "serviceId", environment, "revokedAt", "endReason" FROM "AccessGrant" ORDER BY id`,
      )
    ).rows
    expect(grants).toMatchObject([
      {
        id: 'old_dev_1',
        caseId: 'case_1',
        nodeId: nodes[0].id,
        serviceId: 'svc_1',
        environment: 'DEVELOPMENT',
        revokedAt: null,
      },
      { id: 'old_dev_2', caseId: 'case_2', nodeId: nodes[0].id, serviceId: 'svc_2', environment: 'DEVELOPMENT' },
      {
        id: 'old_prod_1',
        caseId: 'case_1',
        nodeId: nodes[1].id,
        serviceId: 'svc_1',
        environment: 'PRODUCTION',
        revokedAt: null,
        endReason: null,
      },
    ])
    expect(grants[1].revokedAt).not.toBeNull()
    expect(grants[1].endReason).toBe('La DGD revocó el nodo de este caso.')

    // The old credential hashes are gone: no table keeps them, and no credential was invented.
    expect((await q(`SELECT count(*)::int AS n FROM "NodeCredential"`)).rows[0].n).toBe(0)
    const columns = (await q(`SELECT column_name FROM information_schema.columns WHERE table_name = 'Node'`)).rows
    expect(columns.map((c) => c.column_name)).not.toContain('credentialHash')
    expect((await q(`SELECT to_regclass('"LegacyNode"') AS t`)).rows[0].t).toBeNull()
  })
})
