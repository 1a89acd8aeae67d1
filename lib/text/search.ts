/**
 * Spanish, accent-insensitive search: text is folded to lower case without diacritics, both when it
 * is stored in a `searchText` column and when a query is matched against it ("valparaiso" finds
 * "Valparaíso", "nunoa" finds "Ñuñoa").
 */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
}

/** The stored search text of a record: its searchable fields folded and joined. */
export function searchTextOf(...parts: (string | null | undefined)[]): string {
  return foldForSearch(parts.filter(Boolean).join(' '))
}
