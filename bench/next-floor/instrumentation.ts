/** Nothing to set up; without this file Next.js would take the portal's own (two folders up). */
export function register() {}
