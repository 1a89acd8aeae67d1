// Limits of a table's URL state that the browser needs too, in a module without nuqs or zod.

/** The longest search a list accepts; the text box stops there. */
export const SEARCH_MAX_LENGTH = 100
