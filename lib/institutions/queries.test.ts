import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { loadViewer, type Viewer } from '@/lib/auth/load-viewer'
import { ForbiddenError } from '@/lib/auth/roles'
import { db } from '@/lib/db/client'
import { createCentralPerson, createInstitution, createMember, createPerson } from '@/prisma/factories'
import { getInstitution, listInstitutions } from './queries'
import { institutionsTableParams } from './table-params'

// A word unique to this run keeps these rows apart from other tests' rows in the shared database.
const tag = `zq${randomUUID().slice(0, 6)}`
let reviewer: Viewer

beforeAll(async () => {
  reviewer = (await loadViewer((await createCentralPerson(db, 'DGD_REVIEWER')).id))!
  await createInstitution(db, {
    name: `Municipalidad de Valparaíso ${tag}`,
    shortName: 'Valparaíso',
    kind: 'MUNICIPALIDAD',
    group: 'B',
    region: 'Valparaíso',
  })
  await createInstitution(db, {
    name: `Municipalidad de Ñuñoa ${tag}`,
    shortName: 'Ñuñoa',
    kind: 'MUNICIPALIDAD',
    group: 'C',
    region: 'Metropolitana de Santiago',
  })
  await createInstitution(db, {
    name: `Gobierno Regional de Valparaíso ${tag}`,
    shortName: 'GORE Valparaíso',
    kind: 'GOBIERNO_REGIONAL',
    group: 'B',
    region: 'Valparaíso',
  })
  for (let i = 0; i < 7; i++) {
    await createInstitution(db, {
      name: `Servicio ${String.fromCharCode(65 + i)} ${tag}`,
      kind: 'SERVICIO_PUBLICO',
      group: 'A',
    })
  }
})

const params = (query: string) => institutionsTableParams.load(`?${query}`)

describe('listInstitutions', () => {
  it('finds "Valparaíso" when searching "valparaiso", without accents or case', async () => {
    const { rows, rowCount } = await listInstitutions(reviewer, params(`q=VALPARAISO+${tag}`))
    expect(rowCount).toBe(2)
    expect(rows.map((r) => r.name)).toEqual([
      `Gobierno Regional de Valparaíso ${tag}`,
      `Municipalidad de Valparaíso ${tag}`,
    ])
  })

  it('matches every word in any order', async () => {
    const { rows } = await listInstitutions(reviewer, params(`q=${tag}+nunoa+municipalidad`))
    expect(rows.map((r) => r.shortName)).toEqual(['Ñuñoa'])
  })

  it('filters by group and kind', async () => {
    const byGroup = await listInstitutions(reviewer, params(`q=${tag}&group=B`))
    expect(byGroup.rowCount).toBe(2)
    const byKind = await listInstitutions(reviewer, params(`q=${tag}&group=B,C&kind=MUNICIPALIDAD`))
    expect(byKind.rows.map((r) => r.shortName).sort()).toEqual(['Valparaíso', 'Ñuñoa'])
  })

  it('sorts and pages without overlap', async () => {
    const first = await listInstitutions(reviewer, params(`q=${tag}&sort=-name&perPage=10&page=1`))
    expect(first.rowCount).toBe(10)
    expect(first.rows[0]!.name).toBe(`Servicio G ${tag}`)
    const names = first.rows.map((r) => r.name)
    expect([...names].sort((a, b) => b.localeCompare(a, 'es'))).toEqual(names)

    const all = await listInstitutions(reviewer, params(`q=${tag}&sort=group&perPage=10`))
    const page1 = await listInstitutions(reviewer, { ...params(`q=${tag}&sort=group`), pageSize: 5, page: 1 })
    const page2 = await listInstitutions(reviewer, { ...params(`q=${tag}&sort=group`), pageSize: 5, page: 2 })
    expect([...page1.rows, ...page2.rows].map((r) => r.id)).toEqual(all.rows.map((r) => r.id))
  })

  it('formats RUTs with dots', async () => {
    const { rows } = await listInstitutions(reviewer, params(`q=${tag}&perPage=10`))
    for (const row of rows) expect(row.rut).toMatch(/^\d{1,2}\.\d{3}\.\d{3}-[\dK]$/)
  })

  it('is refused to a person with no portal role', async () => {
    const citizen = (await loadViewer((await createPerson(db)).id))!
    await expect(listInstitutions(citizen, params(''))).rejects.toThrow(ForbiddenError)
  })
})

describe('getInstitution', () => {
  it("shows e-mails and RUNs to the institution's own members and to DGD, not to other institutions", async () => {
    const institution = await createInstitution(db)
    const other = await createInstitution(db)
    const tech = await createMember(db, institution.id, 'TECHNICAL_ADMIN')
    const insider = (await loadViewer((await createMember(db, institution.id, 'BUSINESS_ADMIN')).id))!
    const outsider = (await loadViewer((await createMember(db, other.id, 'CTD')).id))!

    const seenByOutsider = await getInstitution(outsider, institution.id)
    const techAsSeen = seenByOutsider!.members.find((m) => m.personId === tech.id)!
    expect(techAsSeen).toMatchObject({ name: tech.name, role: 'TECHNICAL_ADMIN', email: null, run: null })
    expect(seenByOutsider!.canManageMembers).toBe(false)

    const seenByInsider = await getInstitution(insider, institution.id)
    expect(seenByInsider!.members.find((m) => m.personId === tech.id)!.email).toBe(tech.email)
    expect(seenByInsider!.canManageMembers).toBe(false)

    const seenByDgd = await getInstitution(reviewer, institution.id)
    expect(seenByDgd!.canManageMembers).toBe(true)
    expect(seenByDgd!.members.find((m) => m.personId === tech.id)!.email).toBe(tech.email)
  })

  it('returns null for an unknown id', async () => {
    expect(await getInstitution(reviewer, 'does-not-exist')).toBeNull()
  })
})
