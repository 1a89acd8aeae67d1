import { createHash } from 'node:crypto'
import { db } from '@/lib/db/client'
import { env } from '@/lib/env'
import type { NodeCaller } from '@/lib/nodes/authenticate'
import { consumersAllowedToCall, effectiveGrantsForNode, type EffectiveGrant } from '@/lib/nodes/grants'
import type { NodeConfiguration } from './schemas'
import { signConfiguration, signingKey } from './signing'

/** The agreement behind a grant and its last day in force (a Chilean date; null when indefinite). */
function agreementOf(agreement: EffectiveGrant['agreement']) {
  if (!agreement) return null
  return { id: agreement.id, endsOn: agreement.lastDay ? agreement.lastDay.toISOString().slice(0, 10) : null }
}

const institution = (i: { id: string; rut: string; name: string }) => ({ id: i.id, rut: i.rut, name: i.name })

/**
 * What the calling node may do at `now`, scoped to its own environment: the services its grants let
 * it call, and the other institutions' nodes granted this institution's services. Only effective
 * grants count (lib/nodes/grants.ts): an agreement that ended or a revoked node drops out at once.
 * Sorted, so the same facts always give the same document and the same version.
 */
export async function buildConfiguration(caller: NodeCaller, now: Date): Promise<Omit<NodeConfiguration, 'version'>> {
  const [node, outgoing, incoming] = await Promise.all([
    db.node.findUniqueOrThrow({
      where: { id: caller.nodeId },
      select: { id: true, name: true, environment: true, institution: { select: { id: true, rut: true, name: true } } },
    }),
    effectiveGrantsForNode(caller.nodeId, now),
    consumersAllowedToCall(caller.institutionId, caller.environment, now),
  ])

  const services = outgoing
    // A node's grants are all of its own environment; checked again so no other environment can leak.
    .filter((grant) => grant.environment === caller.environment)
    .map((grant) => ({
      provider: institution(grant.provider),
      serviceCode: grant.service.code,
      serviceName: grant.service.name,
      serviceVersion: grant.service.version,
      protocol: grant.service.protocol,
      endpoint: grant.endpoint,
      caseNumber: grant.caseNumber,
      agreement: agreementOf(grant.agreement),
    }))
    .sort((a, b) => compare(a.serviceCode, b.serviceCode) || a.caseNumber - b.caseNumber)
  const consumers = incoming
    .map((grant) => ({
      consumer: institution(grant.consumer),
      node: grant.node,
      serviceCode: grant.service.code,
      caseNumber: grant.caseNumber,
      agreement: agreementOf(grant.agreement),
    }))
    .sort((a, b) => compare(a.serviceCode, b.serviceCode) || a.caseNumber - b.caseNumber)

  return {
    minimumNodeVersion: env.NODE_MIN_VERSION,
    institution: institution(node.institution),
    node: { id: node.id, name: node.name, environment: node.environment },
    services,
    consumers,
  }
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/**
 * The version of a configuration: SHA-256 (base64url) of its content and of the key that signs it,
 * so a node holding the same version has the same facts, verifiable with the same key.
 */
export function configurationVersion(content: Omit<NodeConfiguration, 'version'>, kid: string): string {
  return createHash('sha256').update(JSON.stringify({ kid, content })).digest('base64url')
}

export type SignedConfiguration = { version: string; configuration: NodeConfiguration; jwt?: string }

/**
 * The node's configuration and its version; signed only when `ifNoneMatch` does not already name
 * that version (a node that has it gets 304 without any signing work).
 */
export async function signedConfiguration(
  caller: NodeCaller,
  now: Date,
  ifNoneMatch: string | null,
): Promise<SignedConfiguration> {
  const [content, key] = await Promise.all([buildConfiguration(caller, now), signingKey()])
  const version = configurationVersion(content, key.kid)
  const configuration: NodeConfiguration = { version, ...content }
  if (etagMatches(ifNoneMatch, version)) return { version, configuration }
  const jwt = await signConfiguration(configuration, caller.nodeId, now)
  return { version, configuration, jwt }
}

export const etagOf = (version: string) => `"${version}"`

/** RFC 9110 §13.1.2: If-None-Match holds `*` or a list of (weak or strong) tags; weak comparison. */
export function etagMatches(ifNoneMatch: string | null, version: string): boolean {
  if (!ifNoneMatch) return false
  const tags = ifNoneMatch.split(',').map((tag) => tag.trim().replace(/^W\//, ''))
  return tags.includes('*') || tags.includes(etagOf(version))
}
