import { FloorPage } from '../floor-page'

/** Rendered per request behind a proxy that gives it a CSP nonce, as every portal page is (proxy.ts). */
export default FloorPage
