/**
 * One structured line per node API call, with the node it came from. A refused call is logged with
 * the reason and, at most, the public key id the token named — never the token, never its secret.
 * (One small function on purpose: the portal's logger replaces console here when it arrives.)
 */
export type NodeCallLog = {
  operation: string
  method: string
  status: number
  durationMs: number
  nodeId?: string
  keyId?: string
  /** Why a call was refused (the problem's detail), for 4xx answers. */
  reason?: string
}

export function logNodeCall(entry: NodeCallLog): void {
  const line = JSON.stringify({ event: 'node-api', ...entry, durationMs: Math.round(entry.durationMs * 10) / 10 })
  if (entry.status >= 500) console.error(line)
  else console.info(line)
}
