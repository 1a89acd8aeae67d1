import { randomInt } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { Principal } from '@/lib/auth/roles'
import { db } from '@/lib/db/client'
import { caseAt } from '@/test/support/scenario'
import { apiGetDataElement, apiGetSchema, apiListServices } from './api'
import { servicesQuerySchema } from './api-schemas'
import { exportServices, FACET_OPTIONS, getService, serviceCatalog } from './queries'
import { serviceSearchText } from './search'
import { servicesParamsFrom } from './table-params'

/** Services of the case's provider named with a token no other test uses. */
async function catalogServices(
  providerId: string,
  names: { name: string; protocol?: 'REST' | 'SOAP'; status?: 'PUBLISHED' | 'DRAFT'; procedures?: string[] }[],
) {
  const token = `tok${randomInt(1e9)}`
  const provider = await db.institution.findUniqueOrThrow({ where: { id: providerId } })
  const ids: string[] = []
  for (const [i, s] of names.entries()) {
    const code = `${token.toUpperCase()}-${i}`
    const name = `${s.name} ${token}`
    const created = await db.service.create({
      data: {
        code,
        name,
        description: 'Servicio de prueba del catálogo',
        providerId,
        version: '1.0',
        protocol: s.protocol ?? 'REST',
        status: s.status ?? 'PUBLISHED',
        procedures: s.procedures ?? [],
        searchText: serviceSearchText({
          code,
          name,
          description: 'Servicio de prueba del catálogo',
          providerName: provider.name,
          providerShortName: provider.shortName,
          procedures: s.procedures,
        }),
      },
    })
    ids.push(created.id)
  }
  return { token, ids }
}

const params = (query: Record<string, string>) =>
  servicesParamsFrom(new URLSearchParams({ perPage: '100', ...query })).params

/** The catalog page's rows and count, as the page gets them. */
const listServices = serviceCatalog

/** The catalog page's facets under a search, with some values selected. */
async function serviceFacets(
  viewer: Principal,
  q: string,
  selected: { procedure?: string[]; provider?: string[] } = {},
) {
  const query = Object.fromEntries(Object.entries(selected).map(([k, v]) => [k, v.join(',')]))
  return (await serviceCatalog(viewer, params({ q, ...query }))).facets
}

describe('the service catalog', { timeout: 120_000 }, () => {
  it('finds services by an unaccented, case-insensitive prefix search, ranked, with facets under the search', async () => {
    const c = await caseAt('meetingRequested')
    const { token } = await catalogServices(c.provider.id, [
      { name: 'Certificado de Defunción', protocol: 'SOAP', procedures: ['CPAT-777'] },
      { name: 'Consulta de defunciones registradas', protocol: 'REST' },
      { name: 'Matrícula escolar', protocol: 'REST' },
    ])
    const viewer = c.people.outsiderTech
    const found = await listServices(viewer, params({ q: `DEFUNC ${token}` }))
    expect(found.rows.map((r) => r.name)).toEqual([
      `Certificado de Defunción ${token}`,
      `Consulta de defunciones registradas ${token}`,
    ])
    expect(found.rowCount).toBe(2)
    expect((await listServices(viewer, params({ q: `matricula ${token}` }))).rows).toHaveLength(1)

    const facets = await serviceFacets(viewer, `defuncion ${token}`)
    expect(facets.protocol).toEqual({ REST: 1, SOAP: 1 })
    expect(facets.provider).toEqual([{ value: c.provider.id, label: c.provider.name, count: 2 }])
    expect(facets.procedure).toEqual([{ value: 'CPAT-777', label: 'CPAT-777', count: 1 }])

    const soap = await listServices(viewer, params({ q: token, protocol: 'SOAP' }))
    expect(soap.rows.map((r) => r.protocol)).toEqual(['SOAP'])
    const byProcedure = await listServices(viewer, params({ q: token, procedure: 'CPAT-777' }))
    expect(byProcedure.rows).toHaveLength(1)
  })

  it('exports exactly the filtered, sorted view as CSV rows', async () => {
    const c = await caseAt('meetingRequested')
    const { token } = await catalogServices(c.provider.id, [
      { name: 'Alfa' },
      { name: 'Beta', protocol: 'SOAP' },
      { name: 'Gamma' },
      { name: 'Delta' },
    ])
    const p = params({ q: token, protocol: 'REST', sort: '-name' })
    const page = await listServices(c.people.outsiderTech, p)
    const exported = await exportServices(c.people.outsiderTech, p)
    expect(exported.map((r) => r.code)).toEqual(page.rows.map((r) => r.code))
    expect(exported.map((r) => r.name.split(' ')[0])).toEqual(['Gamma', 'Delta', 'Alfa'])
  })

  it('shows drafts only to the provider and central staff, and connected institutions only to the provider, DGD and auditors', async () => {
    const c = await caseAt('meetingRequested')
    const { ids, token } = await catalogServices(c.provider.id, [{ name: 'Borrador', status: 'DRAFT' }])
    expect(await getService(c.people.outsiderTech, ids[0]!)).toBeNull()
    expect(await getService(c.people.providerTech, ids[0]!)).not.toBeNull()
    expect((await listServices(c.people.outsiderTech, params({ q: token }))).rowCount).toBe(0)
    expect((await listServices(c.people.reviewer, params({ q: token }))).rowCount).toBe(1)

    const connected = async (who: keyof typeof c.people) =>
      (await getService(c.people[who], c.service.id))?.connected?.map((x) => x.consumer.id) ?? null
    for (const who of ['providerTech', 'providerCtd', 'reviewer', 'head', 'auditor'] as const) {
      expect(await connected(who), who).toEqual([c.consumer.id])
    }
    for (const who of ['consumerTech', 'consumerCtd', 'outsiderTech'] as const) {
      expect(await connected(who), who).toBeNull()
    }
  })

  it('computes the same completeness in the list (SQL) as on the service page', async () => {
    const c = await caseAt('meetingRequested')
    const { ids, token } = await catalogServices(c.provider.id, [
      { name: 'Uno', procedures: ['CPAT-1'] },
      { name: 'Dos' },
    ])
    await db.service.update({
      where: { id: ids[0]! },
      data: {
        serviceLevels: { availability: 99 },
        contacts: [{ name: 'Mesa', email: 'mesa@example.gob.cl' }],
        lastReviewedAt: new Date(),
      },
    })
    const rows = (await listServices(c.people.outsiderTech, params({ q: token, sort: '-completeness' }))).rows
    expect(rows.map((r) => r.id).sort()).toEqual([...ids].sort())
    for (const row of rows) {
      expect(row.completeness).toBe((await getService(c.people.outsiderTech, row.id))!.completeness.score)
    }
    const score = Object.fromEntries(rows.map((r) => [r.id, r.completeness]))
    expect(score[ids[0]!]).toBe(57) // procedures, levels, contacts, fresh review: 4 of 7
    expect(score[ids[1]!]).toBe(0)
  })
})

describe('facet options', { timeout: 120_000 }, () => {
  it('offers the procedures with the most services, in order, and always the selected ones with their count', async () => {
    const c = await caseAt('meetingRequested')
    // 30 procedures: CPAT-T00 on 3 services, CPAT-T01 on 2, the other 28 on one each.
    const codes = Array.from({ length: 30 }, (_, i) => `CPAT-T${String(i).padStart(2, '0')}`)
    const { token } = await catalogServices(
      c.provider.id,
      codes.map((code, i) => ({
        name: `Servicio ${i}`,
        procedures: i < 3 ? [code, 'CPAT-T00', 'CPAT-T01'].slice(0, i + 1) : [code],
      })),
    )
    const facets = await serviceFacets(c.people.outsiderTech, token)
    expect(facets.procedure).toHaveLength(FACET_OPTIONS)
    expect(facets.procedure.map((o) => o.value)).toEqual([...facets.procedure.map((o) => o.value)].sort())
    expect(facets.procedure.find((o) => o.value === 'CPAT-T00')?.count).toBe(3)
    expect(facets.procedure.find((o) => o.value === 'CPAT-T01')?.count).toBe(2)
    expect(facets.procedure.some((o) => o.value === 'CPAT-T29')).toBe(false)
    const kept = await serviceFacets(c.people.outsiderTech, token, { procedure: ['CPAT-T29'] })
    expect(kept.procedure).toHaveLength(FACET_OPTIONS + 1)
    expect(kept.procedure.find((o) => o.value === 'CPAT-T29')).toEqual({
      value: 'CPAT-T29',
      label: 'CPAT-T29',
      count: 1,
    })
  })
})

describe('the catalog page in one statement', { timeout: 120_000 }, () => {
  it('counts past the page, keeps a selected provider without services, and reads dates and ranks back', async () => {
    const c = await caseAt('meetingRequested')
    const { ids, token } = await catalogServices(c.provider.id, [
      { name: 'Registro de defunciones', protocol: 'SOAP' },
      { name: 'Defunción', protocol: 'REST' },
      { name: 'Nacimientos' },
    ])
    const reviewed = new Date('2026-03-04T05:06:07.089Z')
    await db.service.update({ where: { id: ids[0]! }, data: { lastReviewedAt: reviewed } })
    const viewer = c.people.outsiderTech
    const other = c.consumer
    const p = params({ q: `defunc ${token}`, perPage: '10', provider: [c.provider.id, other.id].join(',') })
    const page = await serviceCatalog(viewer, p)
    // Ranked: the name that is all match first; dates come back as the same instants.
    expect(page.rows.map((r) => r.id)).toEqual([ids[1], ids[0]])
    expect(page.rows[1]!.lastReviewedAt).toEqual(reviewed)
    expect(page.rowCount).toBe(2)
    expect(page.facets.provider).toEqual(
      [
        { value: c.provider.id, label: c.provider.name, count: 2 },
        { value: other.id, label: other.name, count: 0 },
      ].sort((a, b) => a.label.localeCompare(b.label, 'es')),
    )
    expect(page.facets.protocol).toEqual({ REST: 1, SOAP: 1 })
    expect(page.facets.status).toEqual({ PUBLISHED: 2 })

    const past = await serviceCatalog(viewer, params({ q: token, perPage: '10', page: '3' }))
    expect(past.rows).toEqual([])
    expect(past.rowCount).toBe(3)
  })
})

describe('sorting the catalog by completeness', { timeout: 120_000 }, () => {
  it('orders by the score in SQL, ties by name, across pages without repeating or skipping', async () => {
    const c = await caseAt('meetingRequested')
    // Twelve services, from 0 to 4 criteria met, in an order unrelated to their names.
    const { ids, token } = await catalogServices(
      c.provider.id,
      Array.from({ length: 12 }, (_, i) => ({ name: `Servicio ${String.fromCharCode(97 + ((i * 5) % 12))}` })),
    )
    for (const [i, id] of ids.entries()) {
      const met = i % 5
      await db.service.update({
        where: { id },
        data: {
          procedures: met >= 1 ? ['CPAT-9'] : [],
          contacts: met >= 2 ? [{ name: 'Mesa', email: 'mesa@example.gob.cl' }] : undefined,
          serviceLevels: met >= 3 ? { availability: 99.5 } : undefined,
          lastReviewedAt: met >= 4 ? new Date() : new Date('2020-01-01T00:00:00Z'),
        },
      })
    }
    const viewer = c.people.outsiderTech
    const walk = async (sort: string) => {
      const seen: { id: string; name: string; completeness: number }[] = []
      for (const page of [1, 2]) {
        const result = await listServices(
          viewer,
          servicesParamsFrom(new URLSearchParams({ q: token, sort, perPage: '10', page: String(page) })).params,
        )
        expect(result.rowCount).toBe(12)
        seen.push(...result.rows)
      }
      return seen
    }
    const desc = await walk('-completeness')
    expect(new Set(desc.map((r) => r.id)).size).toBe(12)
    const expected = [...desc].sort((a, b) => b.completeness - a.completeness || a.name.localeCompare(b.name))
    expect(desc.map((r) => r.id)).toEqual(expected.map((r) => r.id))
    // A service without contacts still scores its other criteria (a NULL criterion once made the sum NULL).
    expect(desc.map((r) => r.completeness)).toEqual([57, 57, 43, 43, 29, 29, 14, 14, 14, 0, 0, 0])
    const asc = await walk('completeness')
    expect(asc.map((r) => r.completeness)).toEqual([...desc.map((r) => r.completeness)].reverse())
    expect(asc[0]!.name < asc[1]!.name || asc[0]!.completeness !== asc[1]!.completeness).toBe(true)
  })
})

describe('the catalog read API', { timeout: 120_000 }, () => {
  it('pages by key through the filtered services in code order, without repeating or skipping', async () => {
    const c = await caseAt('meetingRequested')
    const { token } = await catalogServices(
      c.provider.id,
      ['a', 'b', 'c', 'd', 'e'].map((n) => ({ name: `Servicio ${n}` })),
    )
    const seen: string[] = []
    let cursor: string | undefined
    for (let i = 0; i < 5; i++) {
      const query = servicesQuerySchema.parse({ q: token, limit: '2', ...(cursor ? { cursor } : {}) })
      const after = cursor ? Buffer.from(cursor, 'base64url').toString() : undefined
      const page = await apiListServices(c.people.outsiderTech, query, after)
      seen.push(...page.items.map((s) => s.code))
      if (!page.nextCursor) break
      cursor = page.nextCursor
    }
    expect(seen).toEqual([0, 1, 2, 3, 4].map((i) => `${token.toUpperCase()}-${i}`))
    expect(servicesQuerySchema.safeParse({ limit: '500' }).success).toBe(false)
    expect(servicesQuerySchema.safeParse({ status: 'PUBLISHED,NOPE' }).success).toBe(false)
  })

  it("names a schema's owner and a data element's responsible institution by id, name and short name", async () => {
    const c = await caseAt('meetingRequested')
    const token = `TOK${randomInt(1e9)}`
    const provider = await db.institution.findUniqueOrThrow({
      where: { id: c.provider.id },
      select: { id: true, name: true, shortName: true },
    })
    await db.schema.create({
      data: {
        code: `${token}-SCHEMA`,
        name: `Esquema ${token}`,
        description: 'Esquema de prueba',
        kind: 'BASAL',
        format: 'JSON_SCHEMA',
        ownerId: provider.id,
        status: 'PUBLISHED',
      },
    })
    await db.dataElement.create({
      data: {
        code: `${token}-DATO`,
        name: `Dato ${token}`,
        description: 'Dato de prueba',
        classification: 'PUBLIC',
        responsibleId: provider.id,
      },
    })
    const viewer = c.people.outsiderTech
    expect((await apiGetSchema(viewer, `${token}-SCHEMA`))?.owner).toEqual(provider)
    expect((await apiGetDataElement(viewer, `${token}-DATO`))?.responsible).toEqual(provider)
  })
})
