import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db/client'
import { createInstitution, createMember, createPerson, randomRut } from '@/prisma/factories'
import { personAdapter } from './adapter'

const adapter = personAdapter(db)

describe('signing out', () => {
  it('deletes the session row, so the cookie no longer opens a session', async () => {
    const institution = await createInstitution(db)
    const person = await createMember(db, institution.id, 'CTD')
    const token = `signout-${person.id}`
    await adapter.createSession!({ sessionToken: token, userId: person.id, expires: new Date(Date.now() + 60_000) })
    await adapter.deleteSession!(token)
    expect(await adapter.getSessionAndUser!(token)).toBeNull()
  })
})

describe('secrets at rest', () => {
  it('keeps only the SHA-256 of a session token: the token opens the session, what the database holds does not', async () => {
    const person = await createPerson(db)
    const token = `at-rest-${person.id}-0123456789abcdef`
    await adapter.createSession!({ sessionToken: token, userId: person.id, expires: new Date(Date.now() + 60_000) })

    const rows = await db.session.findMany({ where: { personId: person.id } })
    expect(rows).toHaveLength(1)
    expect(JSON.stringify(rows)).not.toContain(token)
    expect(rows[0]!.tokenHash).toBe(createHash('sha256').update(token).digest('hex'))
    expect((await adapter.getSessionAndUser!(token))?.user.id).toBe(person.id)
    expect(await adapter.getSessionAndUser!(rows[0]!.tokenHash)).toBeNull()
  })

  it("does not keep ClaveÚnica's access, refresh or ID token", async () => {
    const person = await createPerson(db)
    await adapter.linkAccount!({
      userId: person.id,
      type: 'oidc',
      provider: 'claveunica',
      providerAccountId: `sub-${person.id}`,
      access_token: 'secret-access-token',
      refresh_token: 'secret-refresh-token',
      id_token: 'secret.id.token',
      token_type: 'bearer',
    })
    const account = await db.account.findFirstOrThrow({ where: { personId: person.id } })
    expect(JSON.stringify(account)).not.toMatch(/secret/)
  })
})

describe('first ClaveÚnica login', () => {
  it('links to the person an institution registered with that RUN', async () => {
    const institution = await createInstitution(db)
    const registered = await createMember(db, institution.id, 'CTD')
    const user = await adapter.createUser!({
      id: 'x',
      run: registered.run,
      name: 'Otro Nombre',
      email: '',
      emailVerified: null,
    } as never)
    expect(user.id).toBe(registered.id)
    expect(user.name).toBe(registered.name)
  })

  it('creates a new person without an e-mail that belongs to someone else', async () => {
    const owner = await createPerson(db)
    const run = randomRut()
    const user = await adapter.createUser!({
      id: 'x',
      run,
      name: 'Nueva Persona',
      email: owner.email!,
      emailVerified: null,
    } as never)
    const person = await db.person.findUniqueOrThrow({ where: { id: user.id } })
    expect(person).toMatchObject({ run, name: 'Nueva Persona', email: null })
  })
})
