/**
 * The catalogs' full-text search (docs/decisions/016-catalog.md): each record keeps a folded
 * `searchText` (lib/text/search.ts), indexed as to_tsvector('simple', searchText); a search box is
 * folded the same way and becomes a prefix query, every word required ("defuncion regis" finds
 * "Certificado de defunción — Registro Civil"). 'simple' has no stemming and no stop words, so it
 * behaves the same on PostgreSQL and on the embedded PGlite.
 */
import { foldForSearch, searchTextOf } from '@/lib/text/search'

/** Writers call these where they write the fields (seed, factories, the publication chain). */
export function serviceSearchText(s: {
  code: string
  name: string
  description: string
  providerName: string
  providerShortName: string
  procedures?: readonly string[]
}): string {
  return searchTextOf(s.code, s.name, s.description, s.providerShortName, s.providerName, ...(s.procedures ?? []))
}

export function schemaSearchText(s: {
  code: string
  name: string
  description: string
  ownerName: string
  ownerShortName: string
}) {
  return searchTextOf(s.code, s.name, s.description, s.ownerShortName, s.ownerName)
}

export function dataElementSearchText(d: {
  code: string
  name: string
  description: string
  responsibleName: string
  responsibleShortName: string
}) {
  return searchTextOf(d.code, d.name, d.description, d.responsibleShortName, d.responsibleName)
}

/**
 * A to_tsquery('simple', …) text for a search box: folded, split into letters-and-digits tokens,
 * each a prefix, all required. Null when nothing searchable is left (no search).
 */
export function tsQueryOf(q: string): string | null {
  const tokens = foldForSearch(q)
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .slice(0, 12)
  return tokens.length === 0 ? null : tokens.map((t) => `${t}:*`).join(' & ')
}
