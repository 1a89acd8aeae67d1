import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db/client'
import { unreadCount } from '@/lib/notifications/queries'
import {
  addMembership,
  createInstitution,
  createNotification,
  createPerson,
  grantCentralRole,
} from '@/prisma/factories'
import { personAdapter } from './adapter'
import { loadViewer } from './load-viewer'
import { deleteExpiredSessions, unreadCountReadWith, viewerForSessionToken } from './session-viewer'

const adapter = personAdapter(db)
const HOUR = 60 * 60 * 1000

/** A session stored exactly as a sign-in stores it (the adapter hashes the token). */
async function signIn(personId: string, expires = new Date(Date.now() + 8 * HOUR)) {
  const token = randomBytes(32).toString('base64url')
  await adapter.createSession!({ sessionToken: token, userId: personId, expires })
  return token
}

describe('the viewer of a session token', () => {
  it('is the person with their active memberships (by institution name, then role) and central roles', async () => {
    const zeta = await createInstitution(db, { name: 'Zeta Servicio de Prueba', shortName: 'ZSP' })
    const alfa = await createInstitution(db, { name: 'Alfa Servicio de Prueba', shortName: 'ASP' })
    const person = await createPerson(db, { name: 'Ana Viewer Rojas' })
    await addMembership(db, person.id, zeta.id, 'CTD')
    await addMembership(db, person.id, alfa.id, 'BUSINESS_ADMIN')
    await addMembership(db, person.id, alfa.id, 'CTD')
    const ended = await addMembership(db, person.id, zeta.id, 'TECHNICAL_ADMIN')
    await db.membership.update({ where: { id: ended.id }, data: { endedAt: new Date() } })
    await grantCentralRole(db, person.id, 'AUDITOR')
    const token = await signIn(person.id)

    const viewer = await viewerForSessionToken(db, token)

    expect(viewer).toEqual({
      personId: person.id,
      name: 'Ana Viewer Rojas',
      run: person.run,
      email: person.email,
      memberships: [
        { institutionId: alfa.id, institutionName: alfa.name, institutionShortName: 'ASP', role: 'CTD' },
        { institutionId: alfa.id, institutionName: alfa.name, institutionShortName: 'ASP', role: 'BUSINESS_ADMIN' },
        { institutionId: zeta.id, institutionName: zeta.name, institutionShortName: 'ZSP', role: 'CTD' },
      ],
      centralRoles: ['AUDITOR'],
    })
    // The same viewer the per-person loader (used before, and by tests) builds.
    expect(viewer).toEqual(await loadViewer(person.id))
  })

  it('has no roles, not null, for a person without any', async () => {
    const person = await createPerson(db, { email: null })
    const viewer = await viewerForSessionToken(db, await signIn(person.id))
    expect(viewer).toMatchObject({ personId: person.id, email: null, memberships: [], centralRoles: [] })
  })

  it('follows changes of memberships and roles on the next read', async () => {
    const institution = await createInstitution(db)
    const person = await createPerson(db)
    const token = await signIn(person.id)
    expect((await viewerForSessionToken(db, token))?.memberships).toEqual([])

    const membership = await addMembership(db, person.id, institution.id, 'TECHNICAL_ADMIN')
    const role = await grantCentralRole(db, person.id, 'DGD_HEAD')
    let viewer = await viewerForSessionToken(db, token)
    expect(viewer?.memberships.map((m) => [m.institutionId, m.role])).toEqual([[institution.id, 'TECHNICAL_ADMIN']])
    expect(viewer?.centralRoles).toEqual(['DGD_HEAD'])

    await db.membership.update({ where: { id: membership.id }, data: { endedAt: new Date() } })
    await db.centralRoleAssignment.update({ where: { id: role.id }, data: { endedAt: new Date() } })
    viewer = await viewerForSessionToken(db, token)
    expect(viewer?.memberships).toEqual([])
    expect(viewer?.centralRoles).toEqual([])
  })

  it("comes with the count of the person's pending notices (unread and not resolved), which the header shows", async () => {
    const person = await createPerson(db)
    const other = await createPerson(db)
    await createNotification(db, person.id)
    await createNotification(db, person.id)
    await createNotification(db, person.id, { readAt: new Date() })
    const resolved = await createNotification(db, person.id)
    await db.notification.update({ where: { id: resolved.id }, data: { resolvedAt: new Date() } })
    await createNotification(db, other.id)
    const token = await signIn(person.id)

    const viewer = (await viewerForSessionToken(db, token))!
    expect(unreadCountReadWith(viewer)).toBe(2)
    expect(await unreadCount(viewer)).toBe(2)
    // A viewer built another way (tests, loadViewer) still gets the count from its own query.
    const loaded = (await loadViewer(person.id))!
    expect(unreadCountReadWith(loaded)).toBeUndefined()
    expect(await unreadCount(loaded)).toBe(2)

    await db.notification.updateMany({ where: { recipientId: person.id }, data: { readAt: new Date() } })
    expect(unreadCountReadWith((await viewerForSessionToken(db, token))!)).toBe(0)
  })

  it('is null for an unknown token, the stored hash itself, an empty or an oversized token', async () => {
    const person = await createPerson(db)
    const token = await signIn(person.id)
    const [row] = await db.session.findMany({ where: { personId: person.id } })
    expect(await viewerForSessionToken(db, randomBytes(32).toString('base64url'))).toBeNull()
    expect(await viewerForSessionToken(db, row!.tokenHash)).toBeNull()
    expect(await viewerForSessionToken(db, '')).toBeNull()
    expect(await viewerForSessionToken(db, token + 'x'.repeat(600))).toBeNull()
    expect(await viewerForSessionToken(db, token)).not.toBeNull()
  })

  it('is null once the session has expired, and reading it deletes nothing (a page is a GET)', async () => {
    const person = await createPerson(db)
    const expires = new Date(Date.now() + HOUR)
    const token = await signIn(person.id, expires)
    expect(await viewerForSessionToken(db, token, new Date(expires.valueOf() - 1000))).not.toBeNull()
    expect(await viewerForSessionToken(db, token, expires)).toBeNull()
    expect(await viewerForSessionToken(db, token, new Date(expires.valueOf() + 1000))).toBeNull()

    const past = await signIn(person.id, new Date(Date.now() - 1000))
    expect(await viewerForSessionToken(db, past)).toBeNull()
    expect(await db.session.count({ where: { personId: person.id } })).toBe(2)
  })

  it('is null for a disabled person, and again their viewer once re-enabled', async () => {
    const person = await createPerson(db)
    const token = await signIn(person.id)
    await db.person.update({ where: { id: person.id }, data: { disabledAt: new Date() } })
    expect(await viewerForSessionToken(db, token)).toBeNull()
    await db.person.update({ where: { id: person.id }, data: { disabledAt: null } })
    expect((await viewerForSessionToken(db, token))?.personId).toBe(person.id)
  })

  it('is null after signing out', async () => {
    const person = await createPerson(db)
    const token = await signIn(person.id)
    await adapter.deleteSession!(token)
    expect(await viewerForSessionToken(db, token)).toBeNull()
  })
})

describe('expired sessions', () => {
  it("are removed when the person signs in again, and only that person's expired ones", async () => {
    const person = await createPerson(db)
    const other = await createPerson(db)
    await signIn(person.id, new Date(Date.now() - HOUR))
    const live = await signIn(person.id)
    await signIn(other.id, new Date(Date.now() - HOUR))

    const fresh = await signIn(person.id)

    expect(await db.session.count({ where: { personId: person.id } })).toBe(2)
    expect(await viewerForSessionToken(db, live)).not.toBeNull()
    expect(await viewerForSessionToken(db, fresh)).not.toBeNull()
    expect(await db.session.count({ where: { personId: other.id } })).toBe(1)
    await deleteExpiredSessions(db, other.id)
    expect(await db.session.count({ where: { personId: other.id } })).toBe(0)
  })
})
