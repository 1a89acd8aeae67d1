import { etagOf, signedConfiguration } from '@/lib/nodes/api/configuration'
import { nodeApiRoute } from '@/lib/nodes/api/handler'

export const dynamic = 'force-dynamic'

/**
 * The calling node's configuration as a signed JWT (application/jwt). Its ETag is the configuration's
 * version: a node that sends it back in If-None-Match gets 304 until something changes.
 */
export const GET = nodeApiRoute('configuration', async ({ request, caller, now }) => {
  const { version, jwt } = await signedConfiguration(caller, now, request.headers.get('if-none-match'))
  const headers = { ETag: etagOf(version), 'Cache-Control': 'private, no-cache', Vary: 'Authorization' }
  if (!jwt) return new Response(null, { status: 304, headers })
  return new Response(jwt, { status: 200, headers: { ...headers, 'Content-Type': 'application/jwt' } })
})
