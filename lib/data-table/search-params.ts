// A table's URL state, declared once: the server page parses `searchParams` with `load` and builds the
// list's links with `serialize`; the browser's toolbar writes the same keys in the same format.
// Imports come from 'nuqs/server' because plain 'nuqs' is a client module, and a server component
// cannot call functions that live behind a 'use client' boundary.
import {
  createLoader,
  createParser,
  createSerializer,
  parseAsArrayOf,
  parseAsStringLiteral,
  type LoaderInput,
  type ParserMap,
  type SingleParserBuilder,
} from 'nuqs/server'
import { SEARCH_MAX_LENGTH } from './limits'

export { SEARCH_MAX_LENGTH }
export const DEFAULT_PAGE_SIZES = [10, 20, 50, 100] as const
export const DEFAULT_PAGE_SIZE = 20
// OFFSET pagination past this point is a crawler or a typo, not a person; deep lists use keysets.
const MAX_PAGE = 1_000_000

/** The URL keys every table owns; a filter may not reuse them. */
export const RESERVED_KEYS = ['page', 'perPage', 'q', 'sort'] as const

export type SortValue<TSortable extends string = string> = { id: TSortable; desc: boolean }

/** Filter key → the values it may take (a Prisma enum's values, usually). */
export type FilterSpec = Record<string, readonly string[]>

export type FilterValues<TFilters extends FilterSpec> = { [K in keyof TFilters]: Array<TFilters[K][number]> }

export type TableParams<TSortable extends string = string, TFilters extends FilterSpec = FilterSpec> = {
  /** 1-based. */
  page: number
  pageSize: number
  /** Trimmed, at most SEARCH_MAX_LENGTH characters; '' when there is no search. */
  q: string
  sort: SortValue<TSortable>
  /** Every declared filter is present; [] means "not filtered". */
  filters: FilterValues<TFilters>
}

type ParserWithDefault<T> = ReturnType<SingleParserBuilder<T>['withDefault']>

export type TableParsers<TSortable extends string, TFilters extends FilterSpec> = {
  page: ParserWithDefault<number>
  perPage: ParserWithDefault<number>
  q: ParserWithDefault<string>
  sort: ParserWithDefault<SortValue<TSortable>>
} & { [K in keyof TFilters]: ParserWithDefault<Array<TFilters[K][number]>> }

export type TableParamsConfig<TSortable extends string, TFilters extends FilterSpec> = {
  sortable: readonly TSortable[]
  defaultSort: SortValue<NoInfer<TSortable>>
  filters?: TFilters
  /** Must be one of `pageSizes`. */
  defaultPageSize?: number
  pageSizes?: readonly number[]
}

/**
 * What the client table needs to know about a definition, with the row-specific literal types erased
 * so that one `DataTable` can take any table's definition.
 */
export interface TableUrlState {
  readonly parsers: ParserMap
  readonly sortable: readonly string[]
  readonly filterKeys: readonly string[]
  readonly pageSizes: readonly number[]
  /** Normalises values read through the parsers (by nuqs or by `load`) into TableParams. */
  fromValues(values: Readonly<Record<string, unknown>>): TableParams
}

export interface TableParamsDefinition<TSortable extends string, TFilters extends FilterSpec> extends TableUrlState {
  readonly parsers: TableParsers<TSortable, TFilters>
  readonly sortable: readonly TSortable[]
  readonly filterKeys: ReadonlyArray<keyof TFilters & string>
  /** The allowed values of each filter, to build the options of its select. */
  readonly filters: TFilters
  readonly defaultSort: SortValue<TSortable>
  readonly defaultPageSize: number
  fromValues(values: Readonly<Record<string, unknown>>): TableParams<TSortable, TFilters>
  /** Parses a page's `searchParams` (or a URL, a Request, a query string); never throws. */
  load(input: LoaderInput): TableParams<TSortable, TFilters>
  load(input: Promise<LoaderInput>): Promise<TableParams<TSortable, TFilters>>
  /** Builds a query string for a link to this table, leaving defaults out: `serialize({ status: ['ACTIVE'] })`. */
  serialize(values: Partial<TableUrlValues<TSortable, TFilters>>): string
  serialize(base: string | URL | URLSearchParams, values: Partial<TableUrlValues<TSortable, TFilters>>): string
}

/** The flat shape the URL holds: `filters` spread to one key each, `pageSize` named `perPage`. */
export type TableUrlValues<TSortable extends string, TFilters extends FilterSpec> = {
  page: number | null
  perPage: number | null
  q: string | null
  sort: SortValue<TSortable> | null
} & { [K in keyof TFilters]: Array<TFilters[K][number]> | null }

/** The parsed params of a definition: `TableParamsOf<typeof servicesTableParams>`. */
export type TableParamsOf<TDefinition> =
  TDefinition extends TableParamsDefinition<infer TSortable, infer TFilters> ? TableParams<TSortable, TFilters> : never

/** Declares a table's URL state. Throws on a malformed declaration (a programmer error), never on a URL. */
export function defineTableParams<
  const TSortable extends string,
  const TFilters extends FilterSpec = Record<never, never>,
>(config: TableParamsConfig<TSortable, TFilters>): TableParamsDefinition<TSortable, TFilters> {
  const sortable = config.sortable
  const filters = config.filters ?? ({} as TFilters)
  const pageSizes = config.pageSizes ?? DEFAULT_PAGE_SIZES
  const defaultPageSize = config.defaultPageSize ?? DEFAULT_PAGE_SIZE
  const defaultSort = { id: config.defaultSort.id, desc: config.defaultSort.desc }
  const filterKeys = Object.keys(filters) as Array<keyof TFilters & string>

  if (!sortable.includes(defaultSort.id)) throw new Error(`defaultSort "${defaultSort.id}" is not in sortable`)
  if (pageSizes.length === 0 || !pageSizes.every((size) => Number.isSafeInteger(size) && size > 0)) {
    throw new Error('pageSizes must be positive integers')
  }
  if (!pageSizes.includes(defaultPageSize)) throw new Error(`defaultPageSize ${defaultPageSize} is not in pageSizes`)
  for (const key of filterKeys) {
    if ((RESERVED_KEYS as readonly string[]).includes(key)) throw new Error(`filter "${key}" uses a reserved URL key`)
  }

  const filterParsers = Object.fromEntries(
    filterKeys.map((key) => [key, parseAsFilter(filters[key] as readonly string[]).withDefault([])]),
  )
  const parsers = {
    page: parseAsPage.withDefault(1),
    perPage: parseAsPageSize(pageSizes).withDefault(defaultPageSize),
    q: parseAsSearch.withDefault(''),
    sort: parseAsSort(sortable).withDefault(defaultSort),
    ...filterParsers,
  } as TableParsers<TSortable, TFilters>

  const sortableSet = new Set<string>(sortable)
  function fromValues(values: Readonly<Record<string, unknown>>): TableParams<TSortable, TFilters> {
    const sort = values.sort
    return {
      page: isPage(values.page) ? values.page : 1,
      pageSize:
        typeof values.perPage === 'number' && pageSizes.includes(values.perPage) ? values.perPage : defaultPageSize,
      q: typeof values.q === 'string' ? normaliseSearch(values.q) : '',
      sort:
        isSortValue(sort) && sortableSet.has(sort.id)
          ? { id: sort.id as TSortable, desc: sort.desc }
          : { ...defaultSort },
      filters: Object.fromEntries(
        filterKeys.map((key) => [key, keepAllowed(values[key], filters[key] as readonly string[])]),
      ) as FilterValues<TFilters>,
    }
  }

  // The erased map keeps the loader's result a plain record; fromValues restores the precise types.
  const loader: (input: LoaderInput) => Readonly<Record<string, unknown>> = createLoader(parsers as ParserMap)
  function load(input: LoaderInput): TableParams<TSortable, TFilters>
  function load(input: Promise<LoaderInput>): Promise<TableParams<TSortable, TFilters>>
  function load(input: LoaderInput | Promise<LoaderInput>) {
    if (input instanceof Promise) return input.then((resolved) => fromValues(loader(resolved)))
    return fromValues(loader(input))
  }

  return {
    parsers,
    sortable,
    filterKeys,
    filters,
    pageSizes,
    defaultSort,
    defaultPageSize,
    fromValues,
    load,
    serialize: createSerializer(parsers) as TableParamsDefinition<TSortable, TFilters>['serialize'],
  }
}

/** Rows to skip for the page: the `skip` of a `findMany`. */
export function skipFor(params: Pick<TableParams, 'page' | 'pageSize'>): number {
  return (params.page - 1) * params.pageSize
}

/** Pages needed for `rowCount` rows; at least 1, so "Página 1 de 1" still reads right on an empty list. */
export function pageCountFor(rowCount: number, pageSize: number): number {
  return Math.max(1, Math.ceil(rowCount / pageSize))
}

/** Whether a search or a filter narrows the list (the sort and the page do not). */
export function hasActiveFilters(params: Pick<TableParams, 'q' | 'filters'>): boolean {
  return params.q !== '' || Object.values(params.filters).some((values) => values.length > 0)
}

// ── Parsers ────────────────────────────────────────────────────────────────────────────────────────
// Each returns null for a value it does not accept, which makes nuqs fall back to the default.

const parseAsPage = createParser<number>({
  parse: (value) => {
    if (!/^\d{1,7}$/.test(value)) return null
    const page = Number(value)
    return isPage(page) ? page : null
  },
  serialize: String,
})

function parseAsPageSize(pageSizes: readonly number[]) {
  return createParser<number>({
    parse: (value) => {
      if (!/^\d{1,4}$/.test(value)) return null
      const size = Number(value)
      return pageSizes.includes(size) ? size : null
    },
    serialize: String,
  })
}

const parseAsSearch = createParser<string>({
  parse: normaliseSearch,
  // Written as typed, so the text box never loses a trailing space between debounced updates.
  serialize: (value) => value,
})

function parseAsSort<TSortable extends string>(sortable: readonly TSortable[]) {
  const allowed = new Set<string>(sortable)
  return createParser<SortValue<TSortable>>({
    parse: (value) => {
      const desc = value.startsWith('-')
      const id = desc ? value.slice(1) : value
      return allowed.has(id) ? { id: id as TSortable, desc } : null
    },
    serialize: (sort) => `${sort.desc ? '-' : ''}${sort.id}`,
    eq: (a, b) => a.id === b.id && a.desc === b.desc,
  })
}

function parseAsFilter<TValue extends string>(values: readonly TValue[]) {
  // parseAsArrayOf drops the items its item parser rejects; duplicates are dropped here.
  const list = parseAsArrayOf(parseAsStringLiteral(values), ',')
  return createParser<TValue[]>({
    parse: (value) => unique(list.parse(value) ?? []),
    serialize: list.serialize,
    eq: list.eq,
  })
}

// ── Helpers ────────────────────────────────────────────────────────────────────────────────────────

/** Control characters (a NUL byte, which PostgreSQL refuses in text) are nothing anyone searches for: dropped. */
function normaliseSearch(value: string): string {
  return value
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim()
    .slice(0, SEARCH_MAX_LENGTH)
    .trim()
}

function isPage(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 1 && value <= MAX_PAGE
}

function isSortValue(value: unknown): value is SortValue {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as SortValue).id === 'string' &&
    typeof (value as SortValue).desc === 'boolean'
  )
}

function keepAllowed(value: unknown, allowed: readonly string[]): string[] {
  if (!Array.isArray(value)) return []
  return unique(value.filter((item): item is string => typeof item === 'string' && allowed.includes(item)))
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)]
}
