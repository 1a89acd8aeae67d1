import { FloorPage } from '../floor-page'

/** Rendered per request, no proxy. */
export default FloorPage
