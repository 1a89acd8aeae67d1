import { MissingPage } from '../missing-page'

export { generateMetadata } from '../missing-page'

/**
 * Where proxy.ts rewrites an address it cannot decode: a route without parameters, since Next.js would
 * try to decode the original address into a catch-all's.
 */
export default MissingPage
