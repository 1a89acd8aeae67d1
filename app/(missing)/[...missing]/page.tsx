import { MissingPage } from '../missing-page'

export { generateMetadata } from '../missing-page'

/** Any address no other route matches. */
export default MissingPage
