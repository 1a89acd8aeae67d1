import { describe, expect, it } from 'vitest'
import { personAdapter } from '@/lib/auth/adapter'
import { ForbiddenError } from '@/lib/auth/roles'
import { loadViewer } from '@/lib/auth/load-viewer'
import { db } from '@/lib/db/client'
import { DomainError } from '@/lib/errors'
import { createCentralPerson, createInstitution, createMember } from '@/prisma/factories'
import { disablePerson } from './disable'

const adapter = personAdapter(db)

describe('disablePerson', () => {
  it('ends every session of the person at once and records who did it', async () => {
    const institution = await createInstitution(db)
    const person = await createMember(db, institution.id, 'TECHNICAL_ADMIN')
    const expires = new Date(Date.now() + 3_600_000)
    await adapter.createSession!({ sessionToken: `a-${person.id}`, userId: person.id, expires })
    await adapter.createSession!({ sessionToken: `b-${person.id}`, userId: person.id, expires })
    expect(await adapter.getSessionAndUser!(`a-${person.id}`)).not.toBeNull()

    const head = (await loadViewer((await createCentralPerson(db, 'DGD_HEAD')).id))!
    await disablePerson(head, person.id)

    expect(await adapter.getSessionAndUser!(`a-${person.id}`)).toBeNull()
    expect(await db.session.count({ where: { personId: person.id } })).toBe(0)
    expect(await loadViewer(person.id)).toBeNull()
    const event = await db.auditEvent.findFirstOrThrow({ where: { targetId: person.id, action: 'person.disable' } })
    expect(event.actorId).toBe(head.personId)
    expect(event.after).toMatchObject({ sessionsEnded: 2 })

    await expect(disablePerson(head, person.id)).rejects.toThrow(new DomainError('personAlreadyDisabled'))
  })

  it('is refused to a CTD and to an auditor', async () => {
    const institution = await createInstitution(db)
    const target = await createMember(db, institution.id, 'TECHNICAL_ADMIN')
    const ctd = (await loadViewer((await createMember(db, institution.id, 'CTD')).id))!
    const auditor = (await loadViewer((await createCentralPerson(db, 'AUDITOR')).id))!
    await expect(disablePerson(ctd, target.id)).rejects.toThrow(ForbiddenError)
    await expect(disablePerson(auditor, target.id)).rejects.toThrow(ForbiddenError)
    expect((await db.person.findUniqueOrThrow({ where: { id: target.id } })).disabledAt).toBeNull()
  })

  it('does not let a person disable themselves', async () => {
    const head = (await loadViewer((await createCentralPerson(db, 'DGD_HEAD')).id))!
    await expect(disablePerson(head, head.personId)).rejects.toThrow(new DomainError('cannotDisableSelf'))
  })
})
