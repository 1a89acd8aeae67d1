import { describe, expect, it } from 'vitest'
import { schemaDrift } from '@/scripts/db/engine'

describe('migrations', () => {
  it('bring the database exactly to prisma/schema.prisma (write one with `npm run db:migrate -- --name x`)', async () => {
    const drift = await schemaDrift({ databaseUrl: process.env.DATABASE_URL! })
    expect(drift, `The Prisma schema and the migrated database disagree:\n${drift}`).toBe('')
  })
})
