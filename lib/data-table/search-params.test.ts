import { describe, expect, expectTypeOf, it } from 'vitest'
import {
  defineTableParams,
  hasActiveFilters,
  pageCountFor,
  skipFor,
  type TableParams,
  type TableParamsOf,
  type TableUrlState,
} from './search-params'

const people = defineTableParams({
  sortable: ['name', 'group', 'createdAt'],
  defaultSort: { id: 'name', desc: false },
  filters: { group: ['A', 'B', 'C'], kind: ['PERSON', 'ROBOT'] },
  defaultPageSize: 20,
  pageSizes: [10, 20, 50, 100],
})

const defaults = {
  page: 1,
  pageSize: 20,
  q: '',
  sort: { id: 'name', desc: false },
  filters: { group: [], kind: [] },
}

describe('load', () => {
  it('gives the defaults for an empty URL', () => {
    expect(people.load({})).toEqual(defaults)
  })

  it('reads every key of a well-formed URL', () => {
    expect(people.load('?page=3&perPage=50&q=ana&sort=-createdAt&group=A,C&kind=ROBOT')).toEqual({
      page: 3,
      pageSize: 50,
      q: 'ana',
      sort: { id: 'createdAt', desc: true },
      filters: { group: ['A', 'C'], kind: ['ROBOT'] },
    })
  })

  it('reads the searchParams prop of a Next.js page, awaited or not', async () => {
    const searchParams = { page: '2', sort: 'group', group: 'B' }
    const expected = { ...defaults, page: 2, sort: { id: 'group', desc: false }, filters: { group: ['B'], kind: [] } }
    expect(people.load(searchParams)).toEqual(expected)
    await expect(people.load(Promise.resolve(searchParams))).resolves.toEqual(expected)
  })

  it.each([
    ['page=abc', 'page', 1],
    ['page=-3', 'page', 1],
    ['page=0', 'page', 1],
    ['page=2.5', 'page', 1],
    ['page=12abc', 'page', 1],
    ['page=99999999999', 'page', 1],
    ['perPage=100000', 'pageSize', 20],
    ['perPage=7', 'pageSize', 20],
    ['perPage=-10', 'pageSize', 20],
    ['perPage=50x', 'pageSize', 20],
  ])('falls back to the default for %s', (query, key, expected) => {
    expect(people.load(`?${query}`)[key as 'page' | 'pageSize']).toBe(expected)
  })

  it('accepts only the declared page sizes', () => {
    expect(people.load('?perPage=100').pageSize).toBe(100)
    expect(people.load('?perPage=10').pageSize).toBe(10)
  })

  it('ignores a sort on a column that may not be sorted', () => {
    expect(people.load('?sort=password').sort).toEqual({ id: 'name', desc: false })
    expect(people.load('?sort=-password').sort).toEqual({ id: 'name', desc: false })
    expect(people.load('?sort=').sort).toEqual({ id: 'name', desc: false })
    expect(people.load('?sort=--name').sort).toEqual({ id: 'name', desc: false })
  })

  it('drops filter values that are not declared, and duplicates', () => {
    expect(people.load('?group=Z').filters.group).toEqual([])
    expect(people.load('?group=A,Z,,A,b,B').filters.group).toEqual(['A', 'B'])
    expect(people.load('?group=').filters.group).toEqual([])
  })

  it('ignores keys it does not own, and repeated keys beyond the first', () => {
    expect(people.load('?password=x&page=2&page=5')).toEqual({ ...defaults, page: 2 })
  })

  it('trims the search and caps its length', () => {
    expect(people.load('?q=%20%20ana%20').q).toBe('ana')
    expect(people.load('?q=%20%20%20').q).toBe('')
    expect(people.load(`?q=${'x'.repeat(500)}`).q).toHaveLength(100)
    expect(people.load(`?q=${'x'.repeat(99)}%20y`).q).toBe('x'.repeat(99))
  })

  it('types the result from the declaration', () => {
    const params = people.load({})
    expectTypeOf(params.sort.id).toEqualTypeOf<'name' | 'group' | 'createdAt'>()
    expectTypeOf(params.filters.group).toEqualTypeOf<Array<'A' | 'B' | 'C'>>()
    expectTypeOf<TableParamsOf<typeof people>>().toEqualTypeOf(params)
  })
})

describe('fromValues', () => {
  it('normalises the values the client reads through nuqs', () => {
    expect(
      people.fromValues({ page: 4, perPage: 10, q: ' x ', sort: { id: 'group', desc: true }, group: ['C'], kind: [] }),
    ).toEqual({
      page: 4,
      pageSize: 10,
      q: 'x',
      sort: { id: 'group', desc: true },
      filters: { group: ['C'], kind: [] },
    })
  })

  it('repairs values it cannot trust', () => {
    expect(
      people.fromValues({ page: -1, perPage: 3, q: 7, sort: { id: 'password', desc: true }, group: ['Z', 'A', 1] }),
    ).toEqual({
      ...defaults,
      filters: { group: ['A'], kind: [] },
    })
  })

  it('is available through the erased view the client table takes', () => {
    const erased: TableUrlState = people
    expect(erased.filterKeys).toEqual(['group', 'kind'])
    expect(erased.fromValues({}).pageSize).toBe(20)
  })
})

describe('parsers', () => {
  it('write a sort as the column id, prefixed with - when descending', () => {
    expect(people.parsers.sort.serialize({ id: 'createdAt', desc: true })).toBe('-createdAt')
    expect(people.parsers.sort.serialize({ id: 'name', desc: false })).toBe('name')
  })

  it('write a filter as comma-separated values', () => {
    expect(people.parsers.group.serialize(['A', 'C'])).toBe('A,C')
  })
})

describe('serialize', () => {
  it('builds a link that leaves defaults out of the URL', () => {
    expect(people.serialize({ group: ['A', 'B'], page: 1, sort: { id: 'name', desc: false } })).toBe('?group=A,B')
    expect(people.serialize('/people', { q: 'ana', page: 2, sort: { id: 'group', desc: true } })).toBe(
      '/people?page=2&q=ana&sort=-group',
    )
  })
})

describe('defineTableParams', () => {
  it('uses 20 rows out of 10, 20, 50 and 100 unless told otherwise', () => {
    const plain = defineTableParams({ sortable: ['name'], defaultSort: { id: 'name', desc: false } })
    expect(plain.pageSizes).toEqual([10, 20, 50, 100])
    expect(plain.load({})).toEqual({ ...defaults, filters: {} })
  })

  it('refuses a filter that takes a URL key the table already owns', () => {
    expect(() =>
      defineTableParams({ sortable: ['name'], defaultSort: { id: 'name', desc: false }, filters: { page: ['1'] } }),
    ).toThrow(/reserved/)
  })

  it('refuses a default sort or page size that it would then reject from the URL', () => {
    expect(() => defineTableParams({ sortable: ['name'], defaultSort: { id: 'age' as 'name', desc: false } })).toThrow(
      /defaultSort/,
    )
    expect(() =>
      defineTableParams({ sortable: ['name'], defaultSort: { id: 'name', desc: false }, defaultPageSize: 25 }),
    ).toThrow(/defaultPageSize/)
  })
})

describe('skipFor', () => {
  it('skips the rows of the earlier pages', () => {
    expect(skipFor({ page: 1, pageSize: 20 })).toBe(0)
    expect(skipFor({ page: 2, pageSize: 20 })).toBe(20)
    expect(skipFor({ page: 5, pageSize: 50 })).toBe(200)
  })
})

describe('pageCountFor', () => {
  it('rounds up, and counts an empty list as one page', () => {
    expect(pageCountFor(357, 20)).toBe(18)
    expect(pageCountFor(360, 20)).toBe(18)
    expect(pageCountFor(1, 20)).toBe(1)
    expect(pageCountFor(0, 20)).toBe(1)
  })
})

describe('hasActiveFilters', () => {
  const base: Pick<TableParams, 'q' | 'filters'> = { q: '', filters: { group: [], kind: [] } }

  it('is false when nothing narrows the list', () => {
    expect(hasActiveFilters(base)).toBe(false)
  })

  it('is true for a search or any selected filter value', () => {
    expect(hasActiveFilters({ ...base, q: 'ana' })).toBe(true)
    expect(hasActiveFilters({ ...base, filters: { group: [], kind: ['ROBOT'] } })).toBe(true)
  })
})
