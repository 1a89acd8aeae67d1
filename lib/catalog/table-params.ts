// The catalogs' URL state (lib/data-table). Providers, owners, responsible institutions and CPAT
// procedures are facets whose values come from the data: the page reads them (with their counts) and
// builds the definition with them; the client table builds the same from the same lists.
import { defineTableParams, type TableParamsOf } from '@/lib/data-table/search-params'
import { isRecordId } from '@/lib/ids'

export const catalogStatuses = ['DRAFT', 'IN_REVIEW', 'PUBLISHED', 'DEPRECATED', 'RETIRED'] as const
export const protocols = ['REST', 'SOAP'] as const
export const classifications = ['PUBLIC', 'PERSONAL', 'SENSITIVE'] as const
export const gradualityGroups = ['A', 'B', 'C'] as const
export const schemaKinds = ['BASAL', 'DOCUMENTAL'] as const
export const schemaFormats = ['JSON_SCHEMA', 'XSD'] as const

/** CPAT procedure codes as the catalog stores them. */
export const PROCEDURE_CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/

export function servicesTableParams(facets: { providers: readonly string[]; procedures: readonly string[] }) {
  return defineTableParams({
    sortable: ['relevance', 'name', 'provider', 'protocol', 'status', 'completeness', 'lastReviewedAt'],
    defaultSort: { id: 'relevance', desc: false },
    filters: {
      provider: facets.providers,
      status: catalogStatuses,
      protocol: protocols,
      classification: classifications,
      procedure: facets.procedures,
      group: gradualityGroups,
    },
  })
}
export type ServicesTableParams = TableParamsOf<ReturnType<typeof servicesTableParams>>

export function schemasTableParams(facets: { owners: readonly string[] }) {
  return defineTableParams({
    sortable: ['relevance', 'name', 'owner', 'kind', 'status', 'services', 'updatedAt'],
    defaultSort: { id: 'relevance', desc: false },
    filters: { owner: facets.owners, status: catalogStatuses, kind: schemaKinds, format: schemaFormats },
  })
}
export type SchemasTableParams = TableParamsOf<ReturnType<typeof schemasTableParams>>

export function dataElementsTableParams(facets: { responsibles: readonly string[] }) {
  return defineTableParams({
    sortable: ['relevance', 'name', 'responsible', 'classification', 'services'],
    defaultSort: { id: 'relevance', desc: false },
    filters: { responsible: facets.responsibles, classification: classifications },
  })
}
export type DataElementsTableParams = TableParamsOf<ReturnType<typeof dataElementsTableParams>>

/** The raw values of a data-driven facet in a query string, before the definition that checks them exists. */
export function requestedValues(search: URLSearchParams, key: string, kind: 'id' | 'procedure'): string[] {
  const pattern = kind === 'id' ? isRecordId : (v: string) => PROCEDURE_CODE.test(v)
  return (search.get(key) ?? '')
    .split(',')
    .filter((v) => pattern(v))
    .slice(0, 50)
}

/** A page's `searchParams` object as URLSearchParams. */
export function toSearchParams(input: Record<string, string | string[] | undefined>): URLSearchParams {
  const out = new URLSearchParams()
  for (const [key, value] of Object.entries(input)) {
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) out.append(key, v)
  }
  return out
}

/**
 * A catalog's params read from a URL: the data-driven facets accept the well-formed values the URL
 * names (the query matches them as parameters; an unknown one finds nothing), the rest as declared.
 */
export function servicesParamsFrom(search: URLSearchParams) {
  const definition = servicesTableParams({
    providers: requestedValues(search, 'provider', 'id'),
    procedures: requestedValues(search, 'procedure', 'procedure'),
  })
  return { definition, params: definition.load(search) }
}

export function schemasParamsFrom(search: URLSearchParams) {
  const definition = schemasTableParams({ owners: requestedValues(search, 'owner', 'id') })
  return { definition, params: definition.load(search) }
}

export function dataElementsParamsFrom(search: URLSearchParams) {
  const definition = dataElementsTableParams({ responsibles: requestedValues(search, 'responsible', 'id') })
  return { definition, params: definition.load(search) }
}

/** Facet options from the data, plus the selected values the current search left without rows. */
export function withSelected(
  options: { value: string; label: string; count: number }[],
  selected: readonly string[],
  labels: { value: string; label: string }[] = [],
) {
  const known = new Set(options.map((o) => o.value))
  return [
    ...options,
    ...selected
      .filter((v) => !known.has(v))
      .map((v) => ({ value: v, label: labels.find((l) => l.value === v)?.label ?? v, count: 0 })),
  ]
}
